package dev.leeway.query.dashboard;

import dev.leeway.query.analytics.stats.Proportion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the dashboard writes the API's figures as text (the templates call it as {@code fmt}); UTC, no locale.
 * Only the writing happens here: every number comes from the analytics services as they answer the API. "–" is
 * written where the API has no figure (null).
 */
final class FigureFormat {

    static final String NONE = "–";
    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** A rate (0.25) as a percentage with one decimal ("25.0%"). */
    public String percent(Double rate) {
        return rate == null ? NONE : decimal(rate * 100, 1) + "%";
    }

    public String percent(Proportion proportion) {
        return percent(proportion.rate());
    }

    /** "12 of 40": what a rate is made of. */
    public String share(Proportion proportion) {
        return proportion.numerator() + " of " + proportion.denominator();
    }

    /** A difference of two rates in percentage points, signed ("+3.2 pp"). */
    public String points(Double difference) {
        return difference == null ? NONE : signed(difference * 100, 1) + " pp";
    }

    /** An interval of a difference of rates in percentage points ("−1.0 to +7.4 pp"). */
    public String pointsInterval(Double lower, Double upper) {
        return lower == null || upper == null ? NONE
                : signed(lower * 100, 1) + " to " + signed(upper * 100, 1) + " pp";
    }

    /** A mean score or a ratio, two decimals ("3.45"). */
    public String number(Double value) {
        return value == null ? NONE : decimal(value, 2);
    }

    /** A difference of means, signed, two decimals ("−0.35"). */
    public String difference(Double value) {
        return value == null ? NONE : signed(value, 2);
    }

    public String differenceInterval(Double lower, Double upper) {
        return lower == null || upper == null ? NONE : signed(lower, 2) + " to " + signed(upper, 2);
    }

    public String interval(Double lower, Double upper) {
        return lower == null || upper == null ? NONE : decimal(lower, 2) + " to " + decimal(upper, 2);
    }

    /** Value per currency, never added across currencies ("120.00 EUR, 15.50 USD"). */
    public String money(Map<String, BigDecimal> perCurrency) {
        return perCurrency == null || perCurrency.isEmpty() ? NONE : perCurrency.entrySet().stream()
                .map(amount -> money(amount.getValue(), amount.getKey())).collect(Collectors.joining(", "));
    }

    public String money(BigDecimal amount, String currency) {
        return amount == null ? NONE : amount.toPlainString() + " " + currency;
    }

    public String instant(Instant at) {
        return at == null ? NONE : DAY_AND_TIME.format(at);
    }

    public String day(Instant at) {
        return at == null ? NONE : DAY.format(at);
    }

    /** Seconds as the API gives them (a percentile may fall between two cases), written "3 d 4 h". */
    public String seconds(Double seconds) {
        return seconds == null ? NONE : duration(Duration.ofSeconds(Math.round(seconds)));
    }

    /** "3 d 4 h", "5 h 12 min", "40 min". */
    public String duration(Duration duration) {
        if (duration == null) {
            return NONE;
        }
        if (duration.toDays() > 0) {
            return duration.toDays() + " d " + duration.toHoursPart() + " h";
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        return duration.toMinutes() + " min";
    }

    private static String decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** With its sign always written, a minus as "−" (U+2212) so that it reads as one. */
    private static String signed(double value, int scale) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN);
        return (rounded.signum() < 0 ? "−" : "+") + rounded.abs().toPlainString();
    }
}
