package dev.leeway.command.imports;

import java.util.ArrayList;
import java.util.List;

/** Test data for the history import: one case per NDJSON line, built step by step. */
final class HistoryLines {

    private HistoryLines() {
    }

    static String agent(String id) {
        return "{\"id\":\"" + id + "\",\"roles\":[\"AGENT\"]}";
    }

    static String supervisor(String id) {
        return "{\"id\":\"" + id + "\",\"roles\":[\"SUPERVISOR\"]}";
    }

    static CaseLine caseLine(String sourceId, String openedAt, String openedBy) {
        return new CaseLine(sourceId, openedAt, openedBy);
    }

    static String bend(String policy, String value) {
        return """
                "policyCode":"%s","deviation":2,"valueGiven":{"amount":%s,"currency":"EUR"},\
                "reasonCode":"GOODWILL","justification":"Courier broke it\"""".formatted(policy, value);
    }

    static String ndjson(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static final class CaseLine {
        private final String sourceId;
        private final String openedAt;
        private final String openedBy;
        private final List<String> steps = new ArrayList<>();

        private CaseLine(String sourceId, String openedAt, String openedBy) {
            this.sourceId = sourceId;
            this.openedAt = openedAt;
            this.openedBy = openedBy;
        }

        /** A step; {@code fields} are the matching request's fields (and bendRef), as JSON without braces. */
        CaseLine step(String type, String at, String by, String fields) {
            steps.add("{\"type\":\"" + type + "\",\"at\":\"" + at + "\",\"by\":" + by
                    + (fields.isEmpty() ? "" : "," + fields) + "}");
            return this;
        }

        String line() {
            return """
                    {"sourceId":"%s","customerId":"CUST-9","channel":"EMAIL","segment":"LOYAL",\
                    "subject":"Kettle arrived broken","openedAt":"%s","openedBy":%s,"steps":[%s]}"""
                    .formatted(sourceId, openedAt, openedBy, String.join(",", steps));
        }
    }
}
