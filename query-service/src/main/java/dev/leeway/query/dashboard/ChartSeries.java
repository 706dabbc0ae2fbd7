package dev.leeway.query.dashboard;

import java.util.List;

/**
 * One chart's data as the page embeds it (JSON in a {@code <script type="application/json">}) for dashboard.js:
 * the API's numbers as they are (a rate stays a fraction; the chart's axis writes it as a percentage).
 */
record ChartSeries(List<String> labels, List<? extends Number> values) {
}
