import { describe, expect, it } from 'vitest';
import { fitPieOption } from './chartFit';

const donut = {
  legend: { orient: 'vertical', right: 0, top: 'middle' },
  series: [{ type: 'pie', radius: ['40%', '70%'], label: { formatter: '{b} {d}%' }, data: [{ name: 'a', value: 1 }] }],
};

describe('fitPieOption', () => {
  it('on a phone: no labels beside the slices, the legend below', () => {
    const o = fitPieOption(donut, 358) as { legend: Record<string, unknown>[]; series: Record<string, unknown>[] };
    expect(o.series[0]).toMatchObject({
      avoidLabelOverlap: true,
      label: { show: false },
      labelLine: { show: false },
      radius: ['38%', '62%'],
    });
    expect(o.legend[0]).toMatchObject({ orient: 'horizontal', bottom: 0, left: 'center', type: 'scroll' });
    expect(o.legend[0]!.right).toBeUndefined();
    // The page's own option is untouched.
    expect(donut.series[0]!.label).toEqual({ formatter: '{b} {d}%' });
  });

  it('on a desktop: labels kept, never overlapping', () => {
    const o = fitPieOption(donut, 900) as { legend: unknown; series: Record<string, unknown>[] };
    expect(o.series[0]).toMatchObject({ avoidLabelOverlap: true, label: { formatter: '{b} {d}%', minMargin: 4 } });
    expect(o.legend).toEqual(donut.legend);
  });

  it('leaves a chart without a pie alone', () => {
    const bars = { series: [{ type: 'bar', data: [1] }] };
    expect(fitPieOption(bars, 300)).toBe(bars);
  });
});
