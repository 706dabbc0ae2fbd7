package dev.leeway.projection.privacy;

import dev.leeway.kernel.privacy.PersonalDataCipher;
import dev.leeway.kernel.privacy.PersonalText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens sealed personal text for the read models while the customer's key lives; once it is destroyed the text
 * reads as {@link PersonalText#ERASED}. Keys are read from command-service's key table (SELECT only).
 */
@Component
public class PersonalTexts {

    private final JdbcTemplate jdbc;

    PersonalTexts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens like {@link #open}, looking each key up once: for a rebuild, which opens a whole history's text in
     * one go (the cache holds one key per customer, for that rebuild only).
     */
    public Function<PersonalText, String> opener() {
        Map<String, Optional<byte[]>> keys = new HashMap<>();
        return text -> {
            if (text == null || !text.isSealed()) {
                return text == null ? null : text.plain();
            }
            return keys.computeIfAbsent(text.keyId(), this::key)
                    .flatMap(key -> PersonalDataCipher.open(key, text.keyId(), text.sealed()))
                    .orElse(PersonalText.ERASED);
        };
    }

    private Optional<byte[]> key(String keyId) {
        return jdbc.query("SELECT key FROM event_store.customer_key WHERE key_id = ? AND key IS NOT NULL",
                (row, n) -> row.getBytes("key"), keyId).stream().findFirst();
    }

    public String open(PersonalText text) {
        if (text == null) {
            return null;
        }
        if (!text.isSealed()) {
            return text.plain();
        }
        return key(text.keyId()).flatMap(key -> PersonalDataCipher.open(key, text.keyId(), text.sealed()))
                .orElse(PersonalText.ERASED);
    }
}
