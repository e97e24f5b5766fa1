// The statistics pages' chart: draws the figures the server put on the canvas (data-chart: the
// England rows as shown in the table, suppressed figures as null) with Chart.js. Without
// JavaScript the table below holds the same figures.
(function () {
  'use strict';
  var canvas = document.getElementById('chart');
  if (!canvas || !window.Chart) return;
  var chart = JSON.parse(canvas.getAttribute('data-chart'));
  // NHS.UK frontend's colours, one per line or bar series.
  var colours = ['#005eb8', '#007f3b', '#d5281b', '#ffb81c', '#330072', '#ae2573', '#00a499', '#425563',
                 '#ed8b00', '#7c2855', '#41b6e6', '#78be20'];
  var datasets = chart.datasets.map(function (set, i) {
    var colour = colours[i % colours.length];
    return { label: set.label, data: set.data, borderColor: colour, backgroundColor: colour, spanGaps: false };
  });
  canvas.chart = new window.Chart(canvas, {
    type: chart.type,
    data: { labels: chart.labels, datasets: datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: chart.axis } } },
      plugins: { legend: { position: 'bottom' } }
    }
  });
})();
