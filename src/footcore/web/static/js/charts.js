// Charts on the progress page, drawn with the vendored Chart.js from figures the page
// carries in data-chart attributes (the same figures are in a table under each chart).
(function () {
  "use strict";

  var TONES = {
    main: { line: "#9a3412", fill: "rgba(154, 52, 18, 0.85)" },
    second: { line: "#1d4ed8", fill: "rgba(29, 78, 216, 0.8)" },
    quiet: { line: "#a8927f", fill: "rgba(201, 184, 168, 0.8)" },
    third: { line: "#047857", fill: "rgba(4, 120, 87, 0.8)" },
    fourth: { line: "#7c3aed", fill: "rgba(124, 58, 237, 0.8)" },
    fifth: { line: "#b45309", fill: "rgba(180, 83, 9, 0.8)" },
  };

  function draw(canvas) {
    var spec = JSON.parse(canvas.dataset.chart);
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
      datasets.push({ label: "Real-change band", data: highs, borderWidth: 0, pointRadius: 0, fill: "-1", backgroundColor: "rgba(29, 78, 216, 0.14)", borderColor: "rgba(0,0,0,0)" });
    }
    var y = { beginAtZero: true, title: { display: !!spec.unit, text: spec.unit || "" } };
    if (spec.max) y.suggestedMax = spec.max;
    new window.Chart(canvas, {
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
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
