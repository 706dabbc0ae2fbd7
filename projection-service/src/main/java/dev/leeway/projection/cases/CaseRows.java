package dev.leeway.projection.cases;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A case's summary row and the bend rows at hand, and which of them an event changed. */
final class CaseRows {

    CaseRow summary;
    boolean summaryChanged;
    final Map<UUID, BendRow> bends = new LinkedHashMap<>();
    final Set<UUID> changedBends = new LinkedHashSet<>();

    CaseRows(CaseRow summary, Collection<BendRow> bends) {
        this.summary = summary;
        bends.forEach(bend -> this.bends.put(bend.exceptionId, bend));
    }

    void changed(BendRow bend) {
        bends.put(bend.exceptionId, bend);
        changedBends.add(bend.exceptionId);
    }
}
