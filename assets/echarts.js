// The ECharts the dashboard and the district roll-up draw with (static/reports/dashboard.js): bar and line
// charts on a grid, with title, tooltip and (scrolling) legend, drawn as SVG, Chinese labels built in.
// `npm run build` (run by set-up) bundles this into build/echarts.min.js, served as vendor/echarts/echarts.min.js;
// about a third of ECharts' full build. A chart type or component dashboard.js starts using must be added here.
import { init, use, registerLocale } from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import langZH from "echarts/lib/i18n/langZH.js";

use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);
registerLocale("ZH", langZH);

export { init };
