package dev.leeway.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures a bench measured against the goals an issue set: printed, never asserted. A figure without a goal
 * is shown for context; one that could not be measured says why instead of a verdict.
 */
final class GoalTable {

    static final String MET = "met";
    static final String NOT_MET = "NOT MET";
    static final String NO_GOAL = "-";

    record Row(String figure, String measured, String goal, String verdict) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A measured figure and whether it met its goal. */
    void add(String figure, String measured, String goal, boolean met) {
        rows.add(new Row(figure, measured, goal, met ? MET : NOT_MET));
    }

    /** A figure shown for context. */
    void add(String figure, String measured) {
        rows.add(new Row(figure, measured, NO_GOAL, NO_GOAL));
    }

    /** A figure that was not measured, and why (e.g. "not available: HTTP 404"). */
    void unmeasured(String figure, String goal, String why) {
        rows.add(new Row(figure, "-", goal, why));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** How many figures with a goal met it, out of how many have one and were measured. */
    String tally() {
        long judged = rows.stream().filter(row -> row.verdict().equals(MET) || row.verdict().equals(NOT_MET)).count();
        long met = rows.stream().filter(row -> row.verdict().equals(MET)).count();
        long unmeasured = rows.stream().filter(row -> !row.goal().equals(NO_GOAL) && row.measured().equals("-"))
                .count();
        return met + " of " + judged + " goals met" + (unmeasured == 0 ? "" : ", " + unmeasured + " not measured");
    }

    /** Left-aligned columns under a header, two spaces apart, each line indented by {@code indent}. */
    List<String> render(String indent) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"figure", "measured", "goal", "verdict"});
        rows.forEach(row -> lines.add(new String[] {row.figure(), row.measured(), row.goal(), row.verdict()}));
        int[] widths = new int[4];
        for (String[] line : lines) {
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        List<String> rendered = new ArrayList<>();
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder(indent);
            for (int i = 0; i < 4; i++) {
                text.append(i < 3 ? String.format("%-" + widths[i] + "s  ", line[i]) : line[i]);
            }
            rendered.add(text.toString().stripTrailing());
        }
        return rendered;
    }
}
