package dev.leeway.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoalTableTest {

    @Test
    void eachFigureSaysWhetherItMetItsGoalInAlignedColumns() {
        GoalTable table = new GoalTable();
        table.add("GET /analytics/rule-debt p99", "12.5 ms", "<= 200 ms", true);
        table.add("what-if", "2.40 s", "<= 2 s", false);
        table.add("rebuild case_facts", "3.10 s");
        table.unmeasured("GET /analytics/fairness?by=segment p99", "<= 200 ms", "not available (HTTP 403 FORBIDDEN)");

        assertThat(table.render("  ")).containsExactly(
                "  figure                                  measured  goal       verdict",
                "  GET /analytics/rule-debt p99            12.5 ms   <= 200 ms  met",
                "  what-if                                 2.40 s    <= 2 s     NOT MET",
                "  rebuild case_facts                      3.10 s    -          -",
                "  GET /analytics/fairness?by=segment p99  -         <= 200 ms  not available (HTTP 403 FORBIDDEN)");
    }

    @Test
    void theTallyCountsOnlyFiguresThatHaveAGoalAndWereMeasured() {
        GoalTable table = new GoalTable();
        table.add("a", "1 ms", "<= 200 ms", true);
        table.add("b", "300 ms", "<= 200 ms", false);
        table.add("c", "4 s");
        table.unmeasured("d", "<= 2 s", "not available (HTTP 404)");

        assertThat(table.tally()).isEqualTo("1 of 2 goals met, 1 not measured");
    }
}
