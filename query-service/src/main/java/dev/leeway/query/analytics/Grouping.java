package dev.leeway.query.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code by} parameter: an enum constant written in lower case ({@code by=agent}). */
public final class Grouping {

    private Grouping() {
    }

    /** @throws IllegalArgumentException listing the values allowed */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (wire(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("by must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Grouping::wire).collect(Collectors.joining(", ")));
    }

    public static String wire(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
