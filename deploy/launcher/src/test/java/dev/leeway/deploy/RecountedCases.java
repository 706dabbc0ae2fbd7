package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.codec.EventCodec;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The truth the analytics are checked against: every case recounted by brute force from the raw events in the
 * event store, decoded with the kernel's codec, in a fold of its own (not the projection's). Deliberately plain:
 * a reader can check each definition against the README's.
 */
final class RecountedCases {

    static final class Bend {
        String exceptionId;
        String policy;
        int policyVersion;
        String status;
        String authority;
        BigDecimal value;
        String requestedBy;
        String requesterRoles;
        String verdict;
        Instant requestedAt;
        long globalIndex;
    }

    static final class Case {
        String caseId;
        String channel;
        String segment;
        String severity;
        Instant openedAt;
        final Set<String> actors = new LinkedHashSet<>();
        final Map<String, Integer> bendsRequestedBy = new LinkedHashMap<>();
        final Map<String, Bend> bends = new LinkedHashMap<>();
        int resolutions;
        int reopenings;
        int interactions;
        int recontacts;
        Instant firstResolvedAt;
        String firstResolvedBy;
        String lastResolvedBy;
        Integer score;
        String scoreCreditedTo;

        boolean resolved() {
            return resolutions > 0;
        }

        boolean bent() {
            return !bends.isEmpty();
        }

        boolean grantedUnder(String policy) {
            return bends.values().stream().anyMatch(b -> b.status.equals("GRANTED")
                    && (policy == null || b.policy.equals(policy)));
        }

        String stratum() {
            return channel + "|" + severity + "|" + segment;
        }
    }

    private RecountedCases() {
    }

    static Map<String, Case> fromEventStore(Connection db) throws Exception {
        ObjectMapper json = new ObjectMapper();
        EventCodec codec = EventCodec.standard();
        Map<String, Case> cases = new LinkedHashMap<>();
        try (Statement query = db.createStatement();
             ResultSet row = query.executeQuery("""
                     SELECT aggregate_identifier, payload_type, payload_revision, payload, meta_data, time_stamp, global_index
                     FROM event_store.domain_event_entry WHERE type = 'Case' ORDER BY global_index""")) {
            while (row.next()) {
                Object event = codec.decode(row.getString(2), row.getString(3), row.getString(4));
                JsonNode metadata = json.readTree(row.getString(5));
                String actor = metadata.path("actorId").asText(null);
                String roles = metadata.path("actorRoles").asText("");
                Instant at = metadata.hasNonNull("occurredAt") ? Instant.parse(metadata.get("occurredAt").asText())
                        : Instant.parse(row.getString(6));
                apply(cases, row.getString(1), event, actor, roles, at, row.getLong(7));
            }
        }
        return cases;
    }

    private static void apply(Map<String, Case> cases, String caseId, Object event, String actor, String roles,
                              Instant at, long globalIndex) {
        if (event instanceof CaseOpened opened) {
            Case c = new Case();
            c.caseId = caseId;
            c.channel = opened.channel().name();
            c.segment = opened.segment().code();
            c.severity = opened.failure() == null ? "UNKNOWN" : opened.failure().severity().name();
            c.openedAt = at;
            c.actors.add(actor);
            cases.put(caseId, c);
            return;
        }
        Case c = cases.get(caseId);
        if (event instanceof InteractionLogged) {
            c.interactions++;
            if (c.resolved()) {
                c.recontacts++;
            }
            c.actors.add(actor);
        } else if (event instanceof ExceptionRequested e) {
            Bend bend = bend(e.exceptionId().toString(), e.policyCode().value(), e.policyVersion(),
                    e.valueGiven().amount(), e.requestedBy(), roles, at, globalIndex);
            bend.status = "PENDING";
            c.bends.put(bend.exceptionId, bend);
            c.actors.add(e.requestedBy());
            c.bendsRequestedBy.merge(e.requestedBy(), 1, Integer::sum);
        } else if (event instanceof ExceptionGranted e) {
            Bend bend = c.bends.get(e.exceptionId().toString());
            if (bend == null) {
                bend = bend(e.exceptionId().toString(), e.policyCode().value(), e.policyVersion(),
                        e.valueGiven().amount(), e.requestedBy(), roles, at, globalIndex);
                c.bends.put(bend.exceptionId, bend);
                c.actors.add(e.requestedBy());
                c.bendsRequestedBy.merge(e.requestedBy(), 1, Integer::sum);
            }
            bend.status = "GRANTED";
            bend.authority = e.authority().name();
        } else if (event instanceof ExceptionDeclined e) {
            c.bends.get(e.exceptionId().toString()).status = "DECLINED";
        } else if (event instanceof ExceptionReviewed e) {
            c.bends.get(e.exceptionId().toString()).verdict = e.verdict().name();
        } else if (event instanceof CaseResolved) {
            if (c.firstResolvedAt == null) {
                c.firstResolvedAt = at;
                c.firstResolvedBy = actor;
            }
            c.resolutions++;
            c.lastResolvedBy = actor;
            c.actors.add(actor);
        } else if (event instanceof SatisfactionRecorded s) {
            c.score = s.score();
            c.scoreCreditedTo = c.lastResolvedBy;
        } else if (event instanceof CaseReopened) {
            c.reopenings++;
            c.actors.add(actor);
        }
    }

    private static Bend bend(String id, String policy, int version, BigDecimal value, String requestedBy,
                             String roles, Instant at, long globalIndex) {
        Bend bend = new Bend();
        bend.exceptionId = id;
        bend.policy = policy;
        bend.policyVersion = version;
        bend.value = value;
        bend.requestedBy = requestedBy;
        bend.requesterRoles = roles;
        bend.requestedAt = at;
        bend.globalIndex = globalIndex;
        return bend;
    }

    /** Every bend of every case, in the order they were asked for. */
    static List<Bend> bends(Map<String, Case> cases) {
        List<Bend> bends = new ArrayList<>();
        cases.values().forEach(c -> bends.addAll(c.bends.values()));
        bends.sort((a, b) -> Long.compare(a.globalIndex, b.globalIndex));
        return bends;
    }
}
