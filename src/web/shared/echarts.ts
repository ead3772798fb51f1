/**
 * The one place the web app registers ECharts: `echarts/core` with only the series types,
 * components and renderer its charts use (the whole library would not fit the first-load goal
 * of issue #16). `shared/ui/Chart` loads this module with the first chart on screen.
 *
 * A chart that needs a series type or an option not registered draws nothing or ignores the
 * option (ECharts logs a warning in development): add its piece here. In use today:
 *  - series: bar (most pages), line (trends), pie (home, office space, assets);
 *  - components: grid with `containLabel` (ECharts 6 keeps it in LegacyGridContainLabel),
 *    tooltip (with its axis pointer), legend (plain and scroll), title, markLine (targets and
 *    reference values); label layout; the canvas renderer;
 *  - on demand (`shared/echarts-extras`, only a meter's drawer uses them): the heatmap series,
 *    the continuous visualMap and dataZoom (inside and slider), about a fifth of the library,
 *    loaded when an option asks for one of them (`needsExtras`).
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { LabelLayout, LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegacyGridContainLabel,
  TooltipComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  TitleComponent,
  MarkLineComponent,
  LabelLayout,
  CanvasRenderer,
]);

type Option = Record<string, unknown>;
const asList = (v: unknown): Option[] => (Array.isArray(v) ? v : v ? [v] : []) as Option[];

/** Whether an option uses a piece registered by `echarts-extras` (a heatmap, a visualMap, a dataZoom). */
export function needsExtras(option: Option): boolean {
  return (
    asList(option.dataZoom).length > 0 || asList(option.visualMap).length > 0 || asList(option.series).some((s) => s.type === 'heatmap')
  );
}

/** ECharts' `init`, once everything `option` needs is registered. */
export async function echartsFor(option: Option): Promise<typeof init> {
  if (needsExtras(option)) await import('./echarts-extras');
  return init;
}
