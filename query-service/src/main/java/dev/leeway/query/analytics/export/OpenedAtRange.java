package dev.leeway.query.analytics.export;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.query.web.ApiProblem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which cases an analytics question is about: those opened in [{@code from}, {@code to}), either end open when
 * null. Bends and actors belong to the range of their case, so that a case's facts are never split across two
 * exports or two what-ifs.
 */
public record OpenedAtRange(Instant from, Instant to) {

    public static final OpenedAtRange ALL = new OpenedAtRange(null, null);

    public OpenedAtRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, "from must be before to (from is inclusive, to "
                    + "exclusive).");
        }
    }

    /** The SQL condition on {@code opened_at} of the case row aliased {@code caseAlias}; "TRUE" for all time. */
    public String condition(String caseAlias) {
        List<String> terms = new ArrayList<>();
        if (from != null) {
            terms.add(caseAlias + ".opened_at >= ?");
        }
        if (to != null) {
            terms.add(caseAlias + ".opened_at < ?");
        }
        return terms.isEmpty() ? "TRUE" : String.join(" AND ", terms);
    }

    /** The values of {@link #condition}'s placeholders, in order. */
    public Object[] parameters() {
        List<Object> values = new ArrayList<>();
        if (from != null) {
            values.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            values.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        return values.toArray();
    }

    public boolean unbounded() {
        return from == null && to == null;
    }
}
