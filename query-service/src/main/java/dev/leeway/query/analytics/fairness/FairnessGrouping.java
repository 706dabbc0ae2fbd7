package dev.leeway.query.analytics.fairness;

/** The customer groups whose bend rates are compared, per agent: a column of case_actor_fact (its case's). */
public enum FairnessGrouping {
    SEGMENT("a.case_segment"),
    CHANNEL("a.case_channel");

    private final String column;

    FairnessGrouping(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
