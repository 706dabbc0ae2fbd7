package dev.leeway.query.analytics.export;

/** One exported column: named as in its fact table, so a notebook and the migration speak of the same thing. */
record FactColumn(String name, ColumnType type) {
}
