package dev.leeway.projection.facts;

import java.util.UUID;

/** One row of {@code case_actor_fact}: someone who acted on a case, and how many bends they asked for on it. */
final class ActorFact {
    static final String COLUMNS = "case_id, actor_id, bends_requested, " + CaseAttributes.COLUMNS;

    UUID caseId;
    String actorId;
    int bendsRequested;
    final CaseAttributes ofCase;

    ActorFact(UUID caseId, String actorId, int bendsRequested, CaseAttributes ofCase) {
        this.caseId = caseId;
        this.actorId = actorId;
        this.bendsRequested = bendsRequested;
        this.ofCase = ofCase;
    }

    Object[] values() {
        return new Object[]{caseId, actorId, bendsRequested, ofCase.openedAt(), ofCase.openedWeek(),
                ofCase.channel(), ofCase.segment()};
    }
}
