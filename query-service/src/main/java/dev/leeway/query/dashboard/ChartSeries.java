package dev.leeway.query.dashboard;

import java.math.BigDecimal;
import java.util.List;

/** One chart's data as the page embeds it (JSON in a {@code <script type="application/json">}) for dashboard.js. */
record ChartSeries(List<String> labels, List<BigDecimal> values) {
}
