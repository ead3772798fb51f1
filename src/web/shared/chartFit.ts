/** Narrower than this (a phone, a narrow card), a pie or donut draws no labels beside its slices. */
export const NARROW_CHART_PX = 480;

type Opt = Record<string, unknown>;
const asArray = (v: unknown): Opt[] => (Array.isArray(v) ? (v as Opt[]) : v && typeof v === 'object' ? [v as Opt] : []);

/**
 * A pie or donut that stays readable at any width. Every pie avoids overlapping labels. In a
 * narrow chart (a phone) the labels beside the slices would overlap and run off the edge, so
 * they go (the tooltip still names a slice), and the legend moves below the chart, scrolling
 * when long, with the pie centred above it. Pure: the page's option is not changed.
 */
export function fitPieOption(option: Opt, widthPx: number): Opt {
  const series = asArray(option.series);
  if (!series.some((s) => s.type === 'pie')) return option;
  const narrow = widthPx > 0 && widthPx < NARROW_CHART_PX;
  const fitted = series.map((s) => {
    if (s.type !== 'pie') return s;
    const pie: Opt = { ...s, avoidLabelOverlap: true };
    if (narrow) {
      pie.label = { ...(s.label as Opt | undefined), show: false };
      pie.labelLine = { show: false };
      pie.center = ['50%', '42%'];
      const r = s.radius;
      pie.radius = Array.isArray(r) && r.length === 2 ? ['38%', '62%'] : '62%';
    } else {
      pie.label = { minMargin: 4, ...(s.label as Opt | undefined) };
    }
    return pie;
  });
  const out: Opt = { ...option, series: fitted };
  if (narrow) {
    out.legend = asArray(option.legend).length
      ? asArray(option.legend).map((l) => ({
          ...l,
          type: 'scroll',
          orient: 'horizontal',
          left: 'center',
          right: undefined,
          top: undefined,
          bottom: 0,
        }))
      : { type: 'scroll', orient: 'horizontal', left: 'center', bottom: 0 };
  }
  return out;
}
