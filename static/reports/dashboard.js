// Draws the dashboard's charts from the JSON the page carries (json_script "dashboard-data").
// A bar that has a URL opens the list of children behind it.
// Loaded with `defer` after ECharts; the charts are drawn once the page has painted (its tiles and headings
// first, so a slow phone shows the figures while ECharts lays the charts out).
(function () {
  "use strict";
  function afterFirstPaint(draw) {
    requestAnimationFrame(() => setTimeout(draw, 0));
  }
  afterFirstPaint(drawCharts);

  function drawCharts() {
    const source = document.getElementById("dashboard-data");
    if (!source || typeof echarts === "undefined") {
      return;
    }
    const data = JSON.parse(source.textContent);
    const stacked = { gradeType: true };

    function option(name, chart) {
      const horizontal = chart.max === 100 && !chart.type; // percentages by school read across; a trend reads along
      const valueAxis = { type: "value", max: chart.max, minInterval: 1 };
      const categoryAxis = {
        type: "category",
        data: chart.categories,
        inverse: horizontal,
        axisLabel: { interval: 0, hideOverlap: true },
      };
      return {
        title: { text: chart.title, textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis", confine: true },
        legend: { bottom: 0, type: "scroll" },
        grid: { left: 8, right: horizontal ? 40 : 16, top: 40, bottom: 40, containLabel: true }, // room for "100"
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? categoryAxis : valueAxis,
        series: chart.series.map((s) => ({
          name: s.name,
          type: chart.type || (name === "careWork" ? "line" : "bar"),
          stack: stacked[name] ? "total" : undefined,
          data: s.data,
          label: { show: horizontal, position: "right" },
          cursor: s.urls ? "pointer" : "default",
        })),
      };
    }

    const charts = [];
    document.querySelectorAll("[data-chart]").forEach((element) => {
      const name = element.dataset.chart;
      const chart = data[name];
      if (!chart) {
        return;
      }
      const instance = echarts.init(element, null, { locale: data.locale, renderer: "svg" });
      instance.setOption(option(name, chart));
      instance.on("click", (params) => {
        const series = chart.series[params.seriesIndex];
        const url = series && series.urls && series.urls[params.dataIndex];
        if (url) {
          window.location.href = url;
        }
      });
      element.dataset.rendered = "true";
      charts.push(instance);
    });
    window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  }
})();
