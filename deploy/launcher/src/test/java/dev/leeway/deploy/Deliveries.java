package dev.leeway.deploy;

import dev.leeway.deploy.FrontLineLoad.Step;
import dev.leeway.kernel.messaging.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a {@link FrontLineLoad} was answered, checked against the platform's stores once the load has stopped:
 * every command answered 2xx stored its event exactly once; every stored event is on the topic, and each case's
 * records there come in its sequence order (a re-sent batch may repeat records, never skip or reorder them);
 * every stored event is applied exactly once in both case read models (their counts of bends, resolutions and
 * surveys, their last sequence); no refused command stored anything; every retry got the first answer (the bend
 * id answered is the one stored).
 */
final class Deliveries {

    /** What the checks found; every list empty is the platform keeping its promise. */
    record Outcome(int accepted, Set<Step> stepsAccepted, Set<String> lost, Set<String> duplicated,
                   Set<String> outOfOrder, Set<String> refusedButStored, List<String> otherAnswers, int retried) {
    }

    private Deliveries() {
    }

    /** Checks {@code load} (stopped) against the event store ({@code db}, an admin connection) and the topic. */
    static Outcome check(FrontLineLoad load, Connection db, String bootstrapServers) throws Exception {
        Set<String> cases = new HashSet<>(load.accepted().keySet());
        cases.addAll(load.refused().keySet());
        Map<String, Map<Step, Long>> stored = storedEvents(db, cases);
        awaitReadModels(db, stored);
        Map<String, Map<Step, Long>> facts = new HashMap<>();
        Map<String, Long> factRows = new HashMap<>();
        Map<String, Long> summaryRows = countBy(db, "SELECT case_id::text, count(*) FROM "
                + "read_model.case_summary WHERE case_id::text = ANY (?) GROUP BY 1", cases);
        try (PreparedStatement select = db.prepareStatement("""
                SELECT case_id::text, count(*) OVER (PARTITION BY case_id), bends_granted, resolutions, surveys
                FROM read_model.case_fact WHERE case_id::text = ANY (?)""")) {
            select.setArray(1, db.createArrayOf("text", cases.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    factRows.put(rows.getString(1), rows.getLong(2));
                    facts.put(rows.getString(1), Map.of(Step.OPEN, 1L, Step.BEND, rows.getLong(3),
                            Step.RESOLVE, rows.getLong(4), Step.RATE, rows.getLong(5)));
                }
            }
        }
        Set<String> outOfOrder = new HashSet<>();
        Map<String, Long> onTopic = recordsOnTopic(bootstrapServers, stored, outOfOrder);
        Map<String, String> grantedBends = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT aggregate_identifier, payload::jsonb ->> 'exceptionId' FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ANY (?) AND payload_type = ?""")) {
            select.setArray(1, db.createArrayOf("text", cases.toArray()));
            select.setString(2, Step.BEND.event);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    grantedBends.put(rows.getString(1), rows.getString(2));
                }
            }
        }

        Set<String> lost = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        Set<String> refusedButStored = new HashSet<>();
        List<String> otherAnswers = new ArrayList<>(load.otherAnswers());
        load.accepted().forEach((caseId, steps) -> steps.forEach(step -> {
            if (stored.getOrDefault(caseId, Map.of()).getOrDefault(step, 0L) == 0) {
                lost.add(caseId + " " + step + ": not in the event store");
            }
        }));
        load.refused().forEach((caseId, steps) -> steps.forEach(step -> {
            if (stored.getOrDefault(caseId, Map.of()).getOrDefault(step, 0L) > 0) {
                refusedButStored.add(caseId + " " + step);
            }
        }));
        load.bends().forEach((caseId, answered) -> {
            if (!answered.equals(grantedBends.get(caseId))) {
                otherAnswers.add(caseId + ": answered bend " + answered + ", stored " + grantedBends.get(caseId));
            }
        });
        stored.forEach((caseId, events) -> {
            long total = events.values().stream().mapToLong(Long::longValue).sum();
            events.forEach((step, count) -> {
                if (step == Step.OTHER) {
                    return;
                }
                if (count > 1) {
                    duplicated.add(caseId + " " + step + ": stored " + count + " times");
                }
                long applied = facts.getOrDefault(caseId, Map.of()).getOrDefault(step, 0L);
                if (applied < count) {
                    lost.add(caseId + " " + step + ": missing from case_fact");
                } else if (applied > count) {
                    duplicated.add(caseId + " " + step + ": applied " + applied + " times in case_fact");
                }
            });
            if (summaryRows.getOrDefault(caseId, 0L) != 1 || factRows.getOrDefault(caseId, 0L) != 1) {
                (summaryRows.getOrDefault(caseId, 0L) == 0 || factRows.getOrDefault(caseId, 0L) == 0
                        ? lost : duplicated).add(caseId + ": case_summary/case_fact rows "
                        + summaryRows.get(caseId) + "/" + factRows.get(caseId));
            }
            if (onTopic.getOrDefault(caseId, 0L) < total) {
                lost.add(caseId + ": " + onTopic.getOrDefault(caseId, 0L) + " of " + total
                        + " events on the topic");
            }
        });
        int accepted = load.accepted().values().stream().mapToInt(Set::size).sum();
        Set<Step> kinds = EnumSet.noneOf(Step.class);
        load.accepted().values().forEach(kinds::addAll);
        return new Outcome(accepted, kinds, lost, duplicated, outOfOrder, refusedButStored, otherAnswers,
                load.retried());
    }

    /** Each case's stored events of the load's four kinds, counted by kind. */
    private static Map<String, Map<Step, Long>> storedEvents(Connection db, Set<String> cases) throws Exception {
        Map<String, Step> steps = new HashMap<>();
        for (Step step : Step.SENT) {
            steps.put(step.event, step);
        }
        Map<String, Map<Step, Long>> stored = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("""
                SELECT aggregate_identifier, payload_type, count(*) FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ANY (?) GROUP BY 1, 2""")) {
            select.setArray(1, db.createArrayOf("text", cases.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // Another kind (a bend asked for, not granted at once) is counted apart, in no step.
                    Step step = steps.get(rows.getString(2));
                    stored.computeIfAbsent(rows.getString(1), id -> new EnumMap<>(Step.class))
                            .merge(step == null ? Step.OTHER : step, rows.getLong(3), Long::sum);
                }
            }
        }
        return stored;
    }

    /** Until both case read models have applied every stored event: each case's last sequence is the store's. */
    private static void awaitReadModels(Connection db, Map<String, Map<Step, Long>> stored) throws Exception {
        Map<String, Long> lastSequence = new HashMap<>();
        stored.forEach((caseId, events) -> lastSequence.put(caseId,
                events.values().stream().mapToLong(Long::longValue).sum() - 1));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Long> summaries = countBy(db, "SELECT case_id::text, last_sequence FROM "
                    + "read_model.case_summary WHERE case_id::text = ANY (?)", lastSequence.keySet());
            Map<String, Long> facts = countBy(db, "SELECT case_id::text, last_sequence FROM read_model.case_fact "
                    + "WHERE case_id::text = ANY (?)", lastSequence.keySet());
            if (summaries.equals(lastSequence) && facts.equals(lastSequence)) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Records per case key on the topic, read until each case has at least its stored events (or 60 s passed).
     * A case whose records, with repeats of a sequence already seen left out, do not count 0, 1, 2, … goes into
     * {@code outOfOrder}.
     */
    private static Map<String, Long> recordsOnTopic(String bootstrapServers, Map<String, Map<Step, Long>> stored,
                                                    Set<String> outOfOrder) {
        Map<String, Long> wanted = new HashMap<>();
        stored.forEach((caseId, events) -> wanted.put(caseId,
                events.values().stream().mapToLong(Long::longValue).sum()));
        Map<String, Long> found = new HashMap<>();
        Map<String, Long> nextSequence = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "deliveries-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("leeway.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !wanted.entrySet().stream()
                    .allMatch(want -> found.getOrDefault(want.getKey(), 0L) >= want.getValue())) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (!wanted.containsKey(record.key())) {
                        return;
                    }
                    Header header = record.headers().lastHeader(EventHeaders.AGGREGATE_SEQUENCE);
                    long sequence = Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
                    long expected = nextSequence.getOrDefault(record.key(), 0L);
                    if (sequence == expected) {
                        found.merge(record.key(), 1L, Long::sum);
                        nextSequence.put(record.key(), expected + 1);
                    } else if (sequence > expected) {
                        outOfOrder.add(record.key() + ": sequence " + sequence + " on the topic before " + expected);
                    }
                });
            }
        }
        return found;
    }

    private static Map<String, Long> countBy(Connection db, String sql, Set<String> ids) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }
}
