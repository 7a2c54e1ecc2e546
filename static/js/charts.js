/* Draw every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
   Numbers are formatted the way the page's language writes them (1.009.098 / %96 in Turkish). */
(function () {
  "use strict";
  var locale = document.documentElement.lang === "en" ? "en-GB" : "tr-TR";
  var number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  function toNumbers(values) {
    return values.map(function (v) { return v === null ? null : Number(v); });
  }
  function draw(canvas) {
    var spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    spec.datasets.forEach(function (d) { d.data = toNumbers(d.data); });
    var stacked = Boolean(spec.stacked);
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + number.format(c.parsed.y !== undefined ? c.parsed.y : c.parsed); } } }
      }
    };
    if (spec.type !== "doughnut") {
      options.scales = {
        x: { stacked: stacked },
        y: { stacked: stacked, beginAtZero: true, ticks: { callback: function (v) { return number.format(v); } } }
      };
    } else {
      options.plugins.tooltip.callbacks.label = function (c) {
        var ring = spec.datasets.length > 1 ? c.dataset.label + " · " : "";
        return ring + c.label + ": " + number.format(c.parsed);
      };
    }
    new window.Chart(canvas, { type: spec.type, data: { labels: spec.labels, datasets: spec.datasets }, options: options });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
