package dev.leeway.projection.facts;

import dev.leeway.projection.stream.BulkRebuild;
import dev.leeway.projection.stream.BulkReplay;
import dev.leeway.projection.stream.EventEnvelope;
import dev.leeway.projection.stream.ProjectedEvent;
import dev.leeway.projection.stream.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The analysts' facts: {@code case_fact} (one row per case), {@code case_actor_fact} (one per person who acted on
 * a case) and {@code bend_fact} (one per bend), from which query-service answers override rates, outcomes,
 * fairness, resolution measures, rule debt and what-ifs. No personal text, so erasure changes nothing here. The
 * rows are made by {@link CaseFactsFold}: here one event at a time, loaded and written back; in a stream batch the
 * batch's cases are loaded with one statement per table, folded in memory through all their events, and written
 * with one batched statement per table at its end.
 */
@Component
class CaseFactsProjection implements Projection, BulkRebuild {

    private final CaseFactsRows rows;
    /** The cases of the stream's batch in progress on this thread, by id; null outside a batch. */
    private final ThreadLocal<Map<UUID, CaseFacts>> batch = new ThreadLocal<>();

    CaseFactsProjection(JdbcTemplate jdbc) {
        this.rows = new CaseFactsRows(jdbc);
    }

    @Override
    public String name() {
        return "case_facts";
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Case");
    }

    @Override
    public List<String> tables() {
        return List.of("case_fact", "case_actor_fact", "bend_fact");
    }

    @Override
    public void apply(ProjectedEvent event) {
        UUID caseId = UUID.fromString(event.aggregateId());
        Map<UUID, CaseFacts> cases = batch.get();
        if (cases != null) {
            CaseFactsFold.apply(cases.computeIfAbsent(caseId, rows::load), event);
            return;
        }
        CaseFacts facts = rows.load(caseId);
        CaseFactsFold.apply(facts, event);
        rows.save(List.of(facts));
    }

    @Override
    public void beginBatch(List<EventEnvelope> events) {
        batch.set(rows.loadAll(events.stream().map(event -> UUID.fromString(event.aggregateId()))
                .collect(Collectors.toCollection(LinkedHashSet::new))));
    }

    @Override
    public void writeBatch() {
        Map<UUID, CaseFacts> cases = batch.get();
        if (cases != null) {
            rows.save(cases.values());
        }
    }

    @Override
    public void endBatch() {
        batch.remove();
    }

    /** The same fold over each whole case in memory, each row written once. */
    @Override
    public void rebuild(BulkReplay replay) {
        try (BulkReplay.Rows cases = replay.rows("case_fact", CaseFact.COLUMNS);
             BulkReplay.Rows actors = replay.rows("case_actor_fact", ActorFact.COLUMNS);
             BulkReplay.Rows bends = replay.rows("bend_fact", BendFact.COLUMNS)) {
            replay.forEachAggregate("Case", history -> {
                CaseFacts facts = new CaseFacts(null, List.of(), List.of());
                for (BulkReplay.Positioned event : history.events()) {
                    CaseFactsFold.apply(facts, event.event());
                }
                cases.add(facts.fact.values());
                facts.actors.values().forEach(actor -> actors.add(actor.values()));
                facts.bends.values().forEach(bend -> bends.add(bend.values()));
                List<BulkReplay.Positioned> events = history.events();
                replay.position("Case", history.aggregateId(), events.get(events.size() - 1).event().sequence());
            });
        }
    }
}
