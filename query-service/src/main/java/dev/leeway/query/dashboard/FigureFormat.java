package dev.leeway.query.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the dashboard writes figures as text (the page's templates call it as {@code fmt}); UTC, no locale. */
final class FigureFormat {

    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A rate (0.2500) as a percentage with one decimal ("25.0%"); "–" where there is none. */
    public String percent(BigDecimal rate) {
        return rate == null ? "–" : percentValue(rate).toPlainString() + "%";
    }

    /** A rate as the number the charts plot (25.0 for 0.2500). */
    static BigDecimal percentValue(BigDecimal rate) {
        return rate == null ? null : rate.multiply(HUNDRED).setScale(1, RoundingMode.HALF_EVEN);
    }

    public String money(BigDecimal amount, String currency) {
        return amount == null ? "–" : amount.toPlainString() + " " + currency;
    }

    public String number(BigDecimal value) {
        return value == null ? "–" : value.toPlainString();
    }

    public String interval(BigDecimal low, BigDecimal high) {
        return low == null || high == null ? "–" : low.toPlainString() + " – " + high.toPlainString();
    }

    public String instant(Instant at) {
        return at == null ? "–" : DAY_AND_TIME.format(at);
    }

    /** "3 d 4 h", "5 h 12 min", "40 min". */
    public String duration(Duration duration) {
        if (duration == null) {
            return "–";
        }
        if (duration.toDays() > 0) {
            return duration.toDays() + " d " + duration.toHoursPart() + " h";
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        return duration.toMinutes() + " min";
    }
}
