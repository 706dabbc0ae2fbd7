package dev.leeway.kernel.cases;

import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.identity.Role;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A case as its events made it, folded by one pure function, {@link #evolve}. The command side's aggregate and
 * the auditors' "as it stood then" view both use it, so they cannot disagree about what a history means.
 *
 * @param version    sequence of the last event folded in; -1 before the first
 * @param actors     everyone who acted on the case, in order of first action: who satisfaction is attributed to
 * @param resolutions how many times the case was resolved
 */
public record CaseState(CaseId caseId,
                        CustomerId customerId,
                        Channel channel,
                        CaseStatus status,
                        String assignee,
                        Map<ExceptionId, BendState> bends,
                        List<String> actors,
                        int resolutions,
                        boolean satisfactionRecorded,
                        long version) {

    public static final CaseState NONE = new CaseState(null, null, null, null, null, Map.of(), List.of(), 0, false, -1);

    public CaseState {
        bends = Collections.unmodifiableMap(new LinkedHashMap<>(bends));
        actors = List.copyOf(actors);
    }

    /** The state after {@code event}, done by {@code actorId} (from the event's metadata; may be null). */
    public CaseState evolve(Object event, String actorId) {
        CaseState next = new CaseState(caseId, customerId, channel, status, assignee, bends, actors, resolutions,
                satisfactionRecorded, version + 1);
        if (event instanceof CaseOpened e) {
            return new CaseState(e.caseId(), e.customerId(), e.channel(), CaseStatus.OPEN, null, Map.of(),
                    withActor(List.of(), actorId), 0, false, version + 1);
        }
        if (event instanceof InteractionLogged) {
            return next.actedBy(actorId);
        }
        if (event instanceof CaseAssigned e) {
            return new CaseState(caseId, customerId, channel, status, e.assignee(), bends, actors, resolutions,
                    satisfactionRecorded, version + 1);
        }
        if (event instanceof ExceptionRequested e) {
            return next.withBend(BendState.requested(e)).actedBy(e.requestedBy());
        }
        if (event instanceof ExceptionGranted e) {
            Role approverRole = bend(e.exceptionId()).map(BendState::approverRole).orElse(null);
            return next.withBend(BendState.granted(e, approverRole)).actedBy(e.requestedBy());
        }
        if (event instanceof ExceptionDeclined e) {
            return next.withBend(bends.get(e.exceptionId()).declined(e));
        }
        if (event instanceof ExceptionReviewed e) {
            return next.withBend(bends.get(e.exceptionId()).reviewed(e));
        }
        if (event instanceof CaseResolved) {
            return new CaseState(caseId, customerId, channel, CaseStatus.RESOLVED, assignee, bends, actors,
                    resolutions + 1, false, version + 1).actedBy(actorId);
        }
        if (event instanceof SatisfactionRecorded) {
            return new CaseState(caseId, customerId, channel, status, assignee, bends, actors, resolutions,
                    true, version + 1);
        }
        if (event instanceof CaseReopened) {
            return new CaseState(caseId, customerId, channel, CaseStatus.OPEN, assignee, bends, actors,
                    resolutions, satisfactionRecorded, version + 1).actedBy(actorId);
        }
        return next; // An event this fold does not know yet changes nothing but the version.
    }

    public boolean exists() {
        return status != null;
    }

    public boolean isOpen() {
        return status == CaseStatus.OPEN;
    }

    public boolean isResolved() {
        return status == CaseStatus.RESOLVED;
    }

    public Optional<BendState> bend(ExceptionId exceptionId) {
        return Optional.ofNullable(bends.get(exceptionId));
    }

    private CaseState withBend(BendState bend) {
        Map<ExceptionId, BendState> updated = new LinkedHashMap<>(bends);
        updated.put(bend.exceptionId(), bend);
        return new CaseState(caseId, customerId, channel, status, assignee, updated, actors, resolutions,
                satisfactionRecorded, version);
    }

    private CaseState actedBy(String actorId) {
        return new CaseState(caseId, customerId, channel, status, assignee, bends, withActor(actors, actorId),
                resolutions, satisfactionRecorded, version);
    }

    private static List<String> withActor(List<String> actors, String actorId) {
        if (actorId == null || actors.contains(actorId)) {
            return actors;
        }
        List<String> updated = new ArrayList<>(actors);
        updated.add(actorId);
        return updated;
    }
}
