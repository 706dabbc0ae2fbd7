package dev.leeway.query.analytics.fairness;

import dev.leeway.query.analytics.CsvTable;
import dev.leeway.query.analytics.stats.Proportion;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Whether agents bend rules for some customer groups less often than for others (four-fifths rule). */
public record FairnessView(
        String by,
        Instant from,
        Instant to,
        @Schema(description = "A group needs this many cases to take part in the ratio")
        int minimumCases,
        @Schema(description = "A ratio below this is flagged (four-fifths rule, 29 CFR 1607.4(D))")
        double flagBelow,
        @Schema(description = "By agent id")
        List<AgentFairnessView> agents) implements CsvTable {

    /** In CSV, one row per agent and group, the agent's ratio repeated on each of its rows. */
    @Override
    public List<?> csvRows() {
        return agents.stream().flatMap(agent -> agent.groups().stream().map(group -> new Row(agent.agent(),
                group.group(), group.cases(), group.casesWithBend(), group.bendRate(), group.eligible(),
                agent.lowestGroup(), agent.highestGroup(), agent.ratio(), agent.ratioLower(), agent.ratioUpper(),
                agent.flagged()))).toList();
    }

    record Row(String agent, String group, long cases, long casesWithBend, Proportion bendRate, boolean eligible,
               String lowestGroup, String highestGroup, Double ratio, Double ratioLower, Double ratioUpper,
               boolean flagged) {
    }
}
