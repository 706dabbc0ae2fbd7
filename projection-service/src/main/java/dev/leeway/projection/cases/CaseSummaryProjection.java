package dev.leeway.projection.cases;

import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.privacy.KeyVaultReader;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.stream.BulkRebuild;
import dev.leeway.projection.stream.BulkReplay;
import dev.leeway.projection.stream.EventEnvelope;
import dev.leeway.projection.stream.ProjectedEvent;
import dev.leeway.projection.stream.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code case_summary} (one row per case) and {@code case_bend} (one row per bend): the analysts' case list and
 * case view. The row's {@code last_sequence} is the case's version (its ETag on the query side). When a customer
 * is erased, the personal text already opened into these rows reads "[erased]"; bends, authority, reviews and
 * scores stay. The rows are made by {@link CaseSummaryFold}: here one event at a time, loaded and written back; in a
 * stream batch the batch's cases are loaded at once, folded in memory, and written with one statement per table.
 */
@Component
class CaseSummaryProjection implements Projection, BulkRebuild {

    private final CaseSummaryRows rows;
    private final KeyVaultReader texts;
    /** Null outside a stream batch. */
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    CaseSummaryProjection(JdbcTemplate jdbc, KeyVaultReader texts) {
        this.rows = new CaseSummaryRows(jdbc);
        this.texts = texts;
    }

    @Override
    public String name() {
        return "case_summary";
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Case", "CustomerPrivacy");
    }

    @Override
    public List<String> tables() {
        return List.of("case_summary", "case_bend");
    }

    @Override
    public void apply(ProjectedEvent event) {
        Object payload = event.payload();
        Batch cases = batch.get();
        if (cases != null) {
            applyInBatch(cases, event, payload);
            return;
        }
        if (payload instanceof CustomerDataErased erased) {
            for (CaseRows customersCase : rows.loadCustomer(erased.customerId().value())) {
                CaseSummaryFold.erase(customersCase, Long.MAX_VALUE);
                rows.save(customersCase);
            }
            return;
        }
        CaseRows caseRows = rows.load(UUID.fromString(event.aggregateId()), bendId(payload));
        CaseSummaryFold.apply(caseRows, event, texts::open, 0);
        rows.save(caseRows);
    }

    /** As write-through, on the batch's rows in memory; an erasure also takes the customer's other cases in. */
    private void applyInBatch(Batch cases, ProjectedEvent event, Object payload) {
        if (payload instanceof CustomerDataErased erased) {
            String customerId = erased.customerId().value();
            for (CaseRows stored : rows.loadCustomer(customerId)) {
                cases.rows().putIfAbsent(stored.summary.caseId, stored);
            }
            for (CaseRows caseRows : cases.rows().values()) {
                if (caseRows.summary != null && customerId.equals(caseRows.summary.customerId)) {
                    CaseSummaryFold.erase(caseRows, Long.MAX_VALUE);
                }
            }
            return;
        }
        UUID caseId = UUID.fromString(event.aggregateId());
        CaseRows caseRows = cases.rows().computeIfAbsent(caseId, id -> rows.loadAll(List.of(id)).get(id));
        CaseSummaryFold.apply(caseRows, event, cases.open(), 0);
    }

    /**
     * Loads the batch's cases with one statement per table. Keys are looked up once per batch: one destroyed
     * during it reads as destroyed in the next (an erasure's event comes after the key is gone, so no batch that
     * applies the erasure has read the key before).
     */
    @Override
    public void beginBatch(List<EventEnvelope> events) {
        Set<UUID> caseIds = events.stream().filter(event -> "Case".equals(event.aggregateType()))
                .map(event -> UUID.fromString(event.aggregateId())).collect(Collectors.toCollection(LinkedHashSet::new));
        batch.set(new Batch(rows.loadAll(caseIds), texts.opener()));
    }

    @Override
    public void writeBatch() {
        Batch cases = batch.get();
        if (cases != null) {
            rows.saveAll(cases.rows().values());
        }
    }

    @Override
    public void endBatch() {
        batch.remove();
    }

    /** The rows of the stream's batch in progress on this thread, by case, and its key lookups. */
    private record Batch(Map<UUID, CaseRows> rows, Function<PersonalText, String> open) {
    }

    /**
     * The same fold over each whole case in memory, each row written once. Erasures are read first (customers
     * are few); a case's rows that existed when its customer was erased are erased, as the stream does.
     */
    @Override
    public void rebuild(BulkReplay replay) {
        Map<String, Long> erasedAt = new HashMap<>();
        replay.forEachAggregate("CustomerPrivacy", customer -> {
            for (BulkReplay.Positioned event : customer.events()) {
                if (event.event().payload() instanceof CustomerDataErased) {
                    erasedAt.put(customer.aggregateId(), event.position());
                }
            }
            replay.position("CustomerPrivacy", customer.aggregateId(), last(customer).sequence());
        });
        Function<PersonalText, String> open = texts.opener();
        try (BulkReplay.Rows summaries = replay.rows("case_summary", CaseRow.COLUMNS);
             BulkReplay.Rows bends = replay.rows("case_bend", BendRow.COLUMNS)) {
            replay.forEachAggregate("Case", history -> {
                CaseRows caseRows = new CaseRows(null, List.of());
                for (BulkReplay.Positioned event : history.events()) {
                    CaseSummaryFold.apply(caseRows, event.event(), open, event.position());
                }
                Long erased = erasedAt.get(caseRows.summary.customerId);
                if (erased != null) {
                    CaseSummaryFold.erase(caseRows, erased);
                }
                summaries.add(caseRows.summary.values());
                caseRows.bends.values().forEach(bend -> bends.add(bend.values()));
                replay.position("Case", history.aggregateId(), last(history).sequence());
            });
        }
    }

    private static ProjectedEvent last(BulkReplay.History history) {
        return history.events().get(history.events().size() - 1).event();
    }

    private static UUID bendId(Object payload) {
        ExceptionId bend = ExceptionId.concernedBy(payload);
        return bend == null ? null : bend.value();
    }
}
