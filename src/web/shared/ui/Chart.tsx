import { useEffect, useRef } from 'react';

/**
 * ECharts, loaded only when a chart is on screen (dynamic import keeps it out of the first
 * load), from `shared/echarts`, which registers the chart types and components in use: a
 * series type or component not registered there draws nothing. `option` is a plain ECharts
 * option object.
 */
export function Chart({ option, height = 280 }: { option: Record<string, unknown>; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption: (o: unknown) => void; resize: () => void; dispose: () => void } | undefined;
    const observer = new ResizeObserver(() => chart?.resize());
    import('../echarts')
      .then((echarts) => echarts.echartsFor(option))
      .then((init) => {
        if (disposed || !ref.current) return;
        chart = init(ref.current);
        chart.setOption(option);
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
