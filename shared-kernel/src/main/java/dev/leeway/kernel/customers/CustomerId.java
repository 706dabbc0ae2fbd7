package dev.leeway.kernel.customers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The customer's id in the systems that own customer records (CRM, shop, billing). Opaque to Leeway;
 * it is not personal data in itself, so it may travel in the clear.
 */
public record CustomerId(String value) {

    public static final int MAX_LENGTH = 100;

    @JsonCreator
    public CustomerId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("customer id must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("customer id must be at most " + MAX_LENGTH + " characters");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
