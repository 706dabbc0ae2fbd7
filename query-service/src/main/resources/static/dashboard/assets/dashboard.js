// Draws the dashboard's charts from the JSON the page embeds (<script type="application/json">). No inline
// script anywhere: the pages are served with Content-Security-Policy default-src 'self'.
(function () {
    'use strict';

    const INK = '#1f3a5f';
    const ACCENT = '#d9822b';

    function series(id) {
        const element = document.getElementById(id);
        return element ? JSON.parse(element.textContent) : null;
    }

    function draw(canvasId, dataId, configure) {
        const canvas = document.getElementById(canvasId);
        const data = series(dataId);
        if (!canvas || !data || data.labels.length === 0) {
            if (canvas) {
                canvas.closest('.chart-box').classList.add('hidden');
            }
            return;
        }
        new Chart(canvas, configure(data));
    }

    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.font.family = 'system-ui, sans-serif';

    function percent(rate) {
        return (Math.round(rate * 1000) / 10) + '%';
    }

    // The API's rates are fractions (0.25); they are plotted as they are and written as percentages.
    draw('override-rate-chart', 'override-rate-data', function (data) {
        return {
            type: 'line',
            data: {
                labels: data.labels,
                datasets: [{
                    label: 'Cases with a bend', data: data.values, borderColor: INK, backgroundColor: INK,
                    spanGaps: false, tension: 0
                }]
            },
            options: {
                scales: {y: {beginAtZero: true, suggestedMax: 0.5, ticks: {callback: percent}}},
                plugins: {
                    tooltip: {callbacks: {label: function (item) { return percent(item.parsed.y); }}}
                }
            }
        };
    });

    draw('cost-chart', 'cost-data', function (data) {
        return {
            type: 'bar',
            data: {
                labels: data.labels,
                datasets: [{label: 'Value given', data: data.values, backgroundColor: ACCENT}]
            },
            options: {indexAxis: 'y', scales: {x: {beginAtZero: true}}, plugins: {legend: {display: false}}}
        };
    });
})();
