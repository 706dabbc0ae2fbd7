package dev.leeway.projection.facts;

import java.util.UUID;

/** One row of {@code case_actor_fact}: someone who acted on a case, and how many bends they asked for on it. */
final class ActorFact {
    static final String COLUMNS = "case_id, actor_id, bends_requested";

    UUID caseId;
    String actorId;
    int bendsRequested;

    ActorFact(UUID caseId, String actorId, int bendsRequested) {
        this.caseId = caseId;
        this.actorId = actorId;
        this.bendsRequested = bendsRequested;
    }

    Object[] values() {
        return new Object[]{caseId, actorId, bendsRequested};
    }
}
