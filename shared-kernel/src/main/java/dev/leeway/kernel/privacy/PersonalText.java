package dev.leeway.kernel.privacy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Free text that may hold a customer's personal data, as events store it: sealed (AES-256-GCM) with one of the
 * customer's keys, named by {@code keyId}. Destroying the customer's keys makes it unreadable for good while the
 * stored bytes, and so the hash chain, stay as they were.
 * <p>
 * {@code plain} is only ever set for text stored before sealing existed (upcast from older revisions).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalText(String keyId, String sealed, String plain) {

    /** What readers show in place of text whose key was destroyed. */
    public static final String ERASED = "[erased]";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public PersonalText {
        if ((sealed == null) == (plain == null)) {
            throw new IllegalArgumentException("personal text is either sealed or legacy plain text");
        }
    }

    public static PersonalText sealed(String keyId, String sealed) {
        return new PersonalText(keyId, sealed, null);
    }

    /** Text stored in the clear by an older revision; JSON of such revisions held a bare string. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PersonalText legacy(String plain) {
        return new PersonalText(null, null, plain);
    }

    @JsonIgnore
    public boolean isSealed() {
        return sealed != null;
    }
}
