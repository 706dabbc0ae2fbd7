package dev.leeway.query.analytics;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.query.web.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which cases a figure is about: those opened in [from, to), half-open so that consecutive windows add up to the
 * whole without counting a case twice. Either end may be open (null). A date stands for its midnight UTC, so
 * {@code to=2026-02-01} takes in all of January.
 */
public record AnalyticsWindow(Instant from, Instant to) {

    public static final AnalyticsWindow ALL_TIME = new AnalyticsWindow(null, null);

    public AnalyticsWindow {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }

    /**
     * From request parameters: each an ISO-8601 instant ({@code 2026-01-05T00:00:00Z}, an offset allowed) or an
     * ISO date ({@code 2026-01-05}), or absent.
     *
     * @throws IllegalArgumentException naming the parameter that is malformed, or when from is after to
     */
    public static AnalyticsWindow parse(String from, String to) {
        return new AnalyticsWindow(instant("from", from), instant("to", to));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant (2026-01-05T00:00:00Z) or date "
                    + "(2026-01-05)");
        }
    }

    /** A window as a request gives it; a problem (400 VALIDATION_FAILED) naming what is wrong. */
    public static AnalyticsWindow requested(String from, String to) {
        try {
            return parse(from, to);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, e.getMessage() + ".");
        }
    }

    /** A window as a request body gives it; a problem (400 VALIDATION_FAILED) when from is after to. */
    public static AnalyticsWindow requested(Instant from, Instant to) {
        try {
            return new AnalyticsWindow(from, to);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, e.getMessage() + ".");
        }
    }

    public boolean unbounded() {
        return from == null && to == null;
    }

    /** {@code " AND column >= ? AND column < ?"} for the ends that are set; empty for all time. */
    public String and(String openedAtColumn) {
        return (from == null ? "" : " AND " + openedAtColumn + " >= ?")
                + (to == null ? "" : " AND " + openedAtColumn + " < ?");
    }

    /** The values for {@link #and(String)}'s placeholders, in order. */
    public List<Object> arguments() {
        List<Object> arguments = new ArrayList<>(2);
        if (from != null) {
            arguments.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            arguments.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        return arguments;
    }
}
