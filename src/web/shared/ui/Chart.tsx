import { useEffect, useRef } from 'react';
import { NARROW_CHART_PX, fitPieOption } from '../chartFit';

/**
 * ECharts, loaded only when a chart is on screen (dynamic import keeps it out of the first
 * load), from `shared/echarts`, which registers the chart types and components in use: a
 * series type or component not registered there draws nothing. `option` is a plain ECharts
 * option object. A pie or donut is fitted to the chart's width (`fitPieOption`): on a phone its
 * labels give way to a legend below, so they never overlap.
 */
export function Chart({ option, height = 280 }: { option: Record<string, unknown>; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption: (o: unknown, notMerge?: boolean) => void; resize: () => void; dispose: () => void } | undefined;
    let narrow: boolean | undefined;
    const draw = () => {
      const width = ref.current?.clientWidth ?? 0;
      const nowNarrow = width > 0 && width < NARROW_CHART_PX;
      if (nowNarrow !== narrow) {
        narrow = nowNarrow;
        chart?.setOption(fitPieOption(option, width), true);
      }
    };
    const observer = new ResizeObserver(() => {
      draw();
      chart?.resize();
    });
    import('../echarts')
      .then((echarts) => echarts.echartsFor(option))
      .then((init) => {
        if (disposed || !ref.current) return;
        chart = init(ref.current);
        draw();
        observer.observe(ref.current);
      });
    return () => {
      disposed = true;
      observer.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} />;
}
