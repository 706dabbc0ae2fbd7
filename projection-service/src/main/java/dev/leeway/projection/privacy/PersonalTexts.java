package dev.leeway.projection.privacy;

import dev.leeway.kernel.privacy.PersonalDataCipher;
import dev.leeway.kernel.privacy.PersonalText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

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

    public String open(PersonalText text) {
        if (text == null) {
            return null;
        }
        if (!text.isSealed()) {
            return text.plain();
        }
        List<byte[]> keys = jdbc.query("SELECT key FROM event_store.customer_key WHERE key_id = ? AND key IS NOT NULL",
                (row, n) -> row.getBytes("key"), text.keyId());
        return keys.isEmpty() ? PersonalText.ERASED
                : PersonalDataCipher.open(keys.get(0), text.keyId(), text.sealed()).orElse(PersonalText.ERASED);
    }
}
