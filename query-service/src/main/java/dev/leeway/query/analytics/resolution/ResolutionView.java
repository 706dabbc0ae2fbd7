package dev.leeway.query.analytics.resolution;

import dev.leeway.query.analytics.CsvTable;

import java.time.Instant;
import java.util.List;

/** Resolution and satisfaction per agent, channel, policy or week, for cases opened in [from, to). */
public record ResolutionView(String by, Instant from, Instant to, List<ResolutionGroupView> groups)
        implements CsvTable {

    @Override
    public List<?> csvRows() {
        return groups;
    }
}
