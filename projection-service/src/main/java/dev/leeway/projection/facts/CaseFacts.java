package dev.leeway.projection.facts;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A case's fact row and the actor and bend rows at hand, and which of them an event changed. */
final class CaseFacts {

    CaseFact fact;
    boolean factChanged;
    final Map<String, ActorFact> actors = new LinkedHashMap<>();
    final Set<String> changedActors = new LinkedHashSet<>();
    final Map<UUID, BendFact> bends = new LinkedHashMap<>();
    final Set<UUID> changedBends = new LinkedHashSet<>();

    CaseFacts(CaseFact fact, Collection<ActorFact> actors, Collection<BendFact> bends) {
        this.fact = fact;
        actors.forEach(actor -> this.actors.put(actor.actorId, actor));
        bends.forEach(bend -> this.bends.put(bend.exceptionId, bend));
    }

    /** The row of someone who acted on the case, made on their first action. */
    ActorFact actedBy(String actorId) {
        ActorFact actor = actors.computeIfAbsent(actorId, id -> new ActorFact(fact.caseId, id, 0, CaseAttributes.of(fact)));
        changedActors.add(actorId);
        return actor;
    }

    void changed(BendFact bend) {
        bends.put(bend.exceptionId, bend);
        changedBends.add(bend.exceptionId);
    }
}
