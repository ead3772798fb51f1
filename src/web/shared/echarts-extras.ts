/**
 * The ECharts pieces only a meter's drawer uses (the day × hour heatmap with its continuous
 * visualMap, and dataZoom on a long readings series), registered when `shared/echarts` sees an
 * option that needs them: the charts of every other page load without them.
 */
import { HeatmapChart } from 'echarts/charts';
import { DataZoomInsideComponent, DataZoomSliderComponent, VisualMapContinuousComponent } from 'echarts/components';
import { use } from 'echarts/core';

use([HeatmapChart, VisualMapContinuousComponent, DataZoomInsideComponent, DataZoomSliderComponent]);
