package dev.leeway.query.analytics;

import java.util.List;

/**
 * A report that can be answered as {@code text/csv}: one CSV row per element of {@link #csvRows()}, its columns
 * the element's JSON fields, nested ones joined with a dot ({@code bendRate.rate}, {@code valueGiven.EUR}).
 * The report's header fields (window, thresholds, caveat) stay in the JSON answer.
 */
public interface CsvTable {

    List<?> csvRows();
}
