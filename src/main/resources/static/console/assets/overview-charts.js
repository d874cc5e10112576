/*
 * The Overview's charts (Chart.js, served from the jar). The figures come from the page's JSON data block, the
 * same figures the tables under each chart show to screen readers and to anyone without scripts.
 */
(function () {
  'use strict';
  var block = document.getElementById('overview-data');
  if (!block || typeof Chart === 'undefined') {
    return;
  }
  var figures = JSON.parse(block.textContent);
  var colours = ['#2a5bd7', '#1d7a46', '#b26a00', '#7b3fb3', '#b3261e'];

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1d2433';

  var wholeNumbers = { beginAtZero: true, ticks: { precision: 0 } };

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      new Chart(canvas, config);
    }
  }

  draw('chart-weeks', {
    type: 'line',
    data: {
      labels: figures.weeks.labels,
      datasets: [
        { label: 'Referrals attributed', data: figures.weeks.attributed, borderColor: colours[0], backgroundColor: colours[0] },
        { label: 'Converted', data: figures.weeks.converted, borderColor: colours[1], backgroundColor: colours[1] },
        { label: 'Rewards issued', data: figures.weeks.rewarded, borderColor: colours[2], backgroundColor: colours[2] }
      ]
    },
    options: { scales: { y: wholeNumbers }, plugins: { legend: { position: 'bottom' } } }
  });

  draw('chart-funnel', {
    type: 'bar',
    data: {
      labels: figures.funnel.labels,
      datasets: [{ label: 'Count', data: figures.funnel.values, backgroundColor: colours[0] }]
    },
    options: { indexAxis: 'y', scales: { x: wholeNumbers }, plugins: { legend: { display: false } } }
  });

  draw('chart-money', {
    type: 'bar',
    data: {
      labels: figures.money.states,
      datasets: figures.money.series.map(function (series, i) {
        return { label: series.currency, data: series.amounts, backgroundColor: colours[i % colours.length] };
      })
    },
    options: { scales: { y: { beginAtZero: true } }, plugins: { legend: { position: 'bottom' } } }
  });
}());
