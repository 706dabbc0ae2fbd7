package dev.leeway.projection.cases;

import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.projection.privacy.PersonalTexts;
import dev.leeway.projection.stream.ProjectedEvent;
import dev.leeway.projection.stream.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code case_summary} (one row per case) and {@code case_bend} (one row per bend): the analysts' case list and
 * case view. The row's {@code last_sequence} is the case's version (its ETag on the query side). When a customer
 * is erased, the personal text already opened into these rows reads "[erased]"; bends, authority, reviews and
 * scores stay. The rows are made by {@link CaseSummaryFold}: here one event at a time, loaded and written back.
 */
@Component
class CaseSummaryProjection implements Projection {

    private final CaseSummaryRows rows;
    private final PersonalTexts texts;

    CaseSummaryProjection(JdbcTemplate jdbc, PersonalTexts texts) {
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
        if (payload instanceof CustomerDataErased erased) {
            for (CaseRows customersCase : rows.loadCustomer(erased.customerId().value())) {
                CaseSummaryFold.erase(customersCase);
                rows.save(customersCase);
            }
            return;
        }
        CaseRows caseRows = rows.load(UUID.fromString(event.aggregateId()), bendId(payload));
        CaseSummaryFold.apply(caseRows, event, texts::open, 0);
        rows.save(caseRows);
    }

    private static UUID bendId(Object payload) {
        if (payload instanceof ExceptionRequested e) {
            return e.exceptionId().value();
        } else if (payload instanceof ExceptionGranted e) {
            return e.exceptionId().value();
        } else if (payload instanceof ExceptionDeclined e) {
            return e.exceptionId().value();
        } else if (payload instanceof ExceptionReviewed e) {
            return e.exceptionId().value();
        }
        return null;
    }
}
