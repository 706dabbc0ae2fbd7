package dev.leeway.query.analytics.export;

import dev.leeway.query.analytics.export.parquet.ParquetWriter;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * PostgreSQL's binary {@code numeric} (what {@code numeric_send} writes): a 16-bit count of base-10,000 digits,
 * the weight (the power of 10,000 of the first digit), the sign ({@code 0x0000}, {@code 0x4000} negative,
 * {@code 0xC000} NaN, {@code 0xD000} / {@code 0xF000} infinite), the display scale, then the digits, most
 * significant first, each 16 bits.
 */
final class PostgresNumeric {

    private static final int NEGATIVE = 0x4000;
    private static final int SPECIAL = 0xC000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    /** DECIMAL(38, 4)'s unscaled values are below 10^38: at most 34 integer digits. */
    private static final BigInteger DECIMAL_38_LIMIT = BigInteger.TEN.pow(38);

    private PostgresNumeric() {
    }

    /**
     * Writes the numeric at {@code offset} as a DECIMAL(38, 4) value, or null when it does not fit exactly: more
     * than 4 decimals that are not 0, more than 34 integer digits, NaN or infinite.
     */
    static void toDecimal38Scale4(byte[] buffer, int offset, ParquetWriter out) {
        int digits = uint16(buffer, offset);
        int weight = (short) uint16(buffer, offset + 2);
        int sign = uint16(buffer, offset + 4);
        if ((sign & SPECIAL) == SPECIAL) {
            out.nullValue();
            return;
        }
        // The value times 10^4 is the sum of digit i times 10,000^(weight - i + 1): a digit past weight + 1 is a
        // fifth or later decimal, which must be 0.
        long unscaled = 0;
        BigInteger large = null;
        for (int i = 0; i < digits; i++) {
            int digit = uint16(buffer, offset + 8 + 2 * i);
            if (i > weight + 1) {
                if (digit != 0) {
                    out.nullValue();
                    return;
                }
                continue;
            }
            if (large == null) {
                if (unscaled <= (Long.MAX_VALUE - digit) / 10_000) {
                    unscaled = unscaled * 10_000 + digit;
                    continue;
                }
                large = BigInteger.valueOf(unscaled);
            }
            large = large.multiply(TEN_THOUSAND).add(BigInteger.valueOf(digit));
        }
        // Digits end before the units: the rest are zeros up to 10^4 (one base-10,000 place per missing digit).
        int missing = weight + 2 - Math.min(digits, weight + 2);
        for (int i = 0; i < missing; i++) {
            if (large == null && unscaled <= Long.MAX_VALUE / 10_000) {
                unscaled *= 10_000;
            } else {
                large = (large == null ? BigInteger.valueOf(unscaled) : large).multiply(TEN_THOUSAND);
            }
        }
        boolean negative = sign == NEGATIVE;
        if (large == null) {
            out.decimalUnscaled(negative ? -unscaled : unscaled);
        } else if (large.compareTo(DECIMAL_38_LIMIT) < 0) {
            out.decimal(new BigDecimal(negative ? large.negate() : large, 4));
        } else {
            out.nullValue();
        }
    }

    private static int uint16(byte[] buffer, int at) {
        return (buffer[at] & 0xFF) << 8 | buffer[at + 1] & 0xFF;
    }
}
