// Charts on the progress page, drawn with the vendored Chart.js from figures the page
// carries in data-chart attributes (the same figures are in a table under each chart).
(function () {
  "use strict";

  var LIGHT = {
    main: { line: "#9a3412", fill: "rgba(154, 52, 18, 0.85)" },
    second: { line: "#1d4ed8", fill: "rgba(29, 78, 216, 0.8)" },
    quiet: { line: "#a8927f", fill: "rgba(201, 184, 168, 0.8)" },
    third: { line: "#047857", fill: "rgba(4, 120, 87, 0.8)" },
    fourth: { line: "#7c3aed", fill: "rgba(124, 58, 237, 0.8)" },
    fifth: { line: "#b45309", fill: "rgba(180, 83, 9, 0.8)" },
  };
  // On a dark page: the same hues, lighter, so that lines and bars stand out (3:1 or more).
  var DARK = {
    main: { line: "#fb923c", fill: "rgba(251, 146, 60, 0.85)" },
    second: { line: "#60a5fa", fill: "rgba(96, 165, 250, 0.8)" },
    quiet: { line: "#a8927f", fill: "rgba(168, 146, 127, 0.8)" },
    third: { line: "#34d399", fill: "rgba(52, 211, 153, 0.8)" },
    fourth: { line: "#a78bfa", fill: "rgba(167, 139, 250, 0.8)" },
    fifth: { line: "#fbbf24", fill: "rgba(251, 191, 36, 0.8)" },
  };
  var drawn = [];

  function cssColour(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function dark() {
    return getComputedStyle(document.documentElement).colorScheme.indexOf("dark") !== -1;
  }

  function draw(canvas) {
    var spec = JSON.parse(canvas.dataset.chart);
    var TONES = dark() ? DARK : LIGHT;
    // Axis words and grid lines in the page's own colours (light or dark).
    window.Chart.defaults.color = cssColour("--muted") || "#5a4f47";
    window.Chart.defaults.borderColor = cssColour("--line") || "#e2d6ca";
    var datasets = spec.series.map(function (s) {
      var tone = TONES[s.tone] || TONES.main;
      return {
        label: s.label,
        data: s.data,
        borderColor: tone.line,
        backgroundColor: spec.type === "bar" ? tone.fill : tone.line,
        borderWidth: 2,
        pointRadius: 4,
        spanGaps: !spec.gaps, // a week nobody answered stays a gap, never a zero
        tension: 0,
      };
    });
    if (spec.band) {
      // The real-change band: first result +/- the smallest real change, shaded.
      var lows = spec.labels.map(function () { return spec.band.low; });
      var highs = spec.labels.map(function () { return spec.band.high; });
      datasets.push({ label: "Noise band (low)", data: lows, borderWidth: 0, pointRadius: 0, fill: false, borderColor: "rgba(0,0,0,0)" });
      datasets.push({ label: "Real-change band", data: highs, borderWidth: 0, pointRadius: 0, fill: "-1", backgroundColor: dark() ? "rgba(96, 165, 250, 0.22)" : "rgba(29, 78, 216, 0.14)", borderColor: "rgba(0,0,0,0)" });
    }
    var y = { beginAtZero: true, title: { display: !!spec.unit, text: spec.unit || "" } };
    if (spec.max) y.suggestedMax = spec.max;
    var chart = new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: y, x: { ticks: { maxRotation: 0, autoSkip: true } } },
        plugins: {
          legend: {
            labels: {
              filter: function (item) { return item.text !== "Noise band (low)"; },
            },
          },
        },
      },
    });
    drawn.push(chart);
  }

  function drawAll() {
    if (!window.Chart) return;
    drawn.forEach(function (chart) {
      chart.destroy();
    });
    drawn = [];
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  // Colours change with the footer's switch and with the system's setting: draw again.
  document.addEventListener("footcore:theme", drawAll);
  if (window.matchMedia) {
    var query = window.matchMedia("(prefers-color-scheme: dark)");
    if (query.addEventListener) query.addEventListener("change", drawAll);
  }
})();
