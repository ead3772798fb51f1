/**
 * The one place the web app registers ECharts: `echarts/core` with only the series types,
 * components and renderer its charts use (about a third of the whole library, which the
 * first-load goal of issue #16 cannot carry). `shared/ui/Chart` loads this module on demand.
 *
 * A chart that needs a series type or an option not listed here draws nothing or ignores the
 * option (ECharts logs a warning in development): add its piece below. In use today:
 *  - series: bar (most pages), line (trends), pie (home, office space, assets), heatmap
 *    (a meter's day × hour heatmap, with its continuous visualMap);
 *  - components: grid with `containLabel` (ECharts 6 keeps it in LegacyGridContainLabel),
 *    tooltip (axis pointer shadow), legend (plain and scroll), title, markLine (targets and
 *    reference values), dataZoom (inside and slider, long readings series), visualMap;
 *  - label layout (pie and bar labels kept apart), the canvas renderer.
 */
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { LabelLayout, LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  HeatmapChart,
  GridComponent,
  LegacyGridContainLabel,
  TooltipComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  TitleComponent,
  MarkLineComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  VisualMapContinuousComponent,
  LabelLayout,
  CanvasRenderer,
]);

export { init };
