package dev.leeway.query.analytics.fairness;

/** The customer groups whose bend rates are compared, per agent: a case_fact column. */
public enum FairnessGrouping {
    SEGMENT("c.segment"),
    CHANNEL("c.channel");

    private final String column;

    FairnessGrouping(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
