package dev.leeway.command.privacy;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.privacy.PersonalDataCipher;
import dev.leeway.kernel.privacy.PersonalText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

import java.util.List;
import java.util.Optional;

/**
 * Keys in {@code event_store.customer_key}, one live key per customer, looked up in the command's own transaction
 * before its aggregate sees it. A destroyed key's row keeps its id and dates, never its bytes. (PostgreSQL removes
 * the old row version at its next VACUUM; until then the bytes linger in the table's files, as in any database.)
 * A case's customer comes from {@code event_store.case_customer}, which {@link CustomerKeysProjection} keeps from
 * the events.
 */
@Component
public class CustomerKeys {

    private final JdbcTemplate jdbc;
    private final IdGenerator ids;

    CustomerKeys(JdbcTemplate jdbc, IdGenerator ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    /** A sealer with the customer's live key, made now if they have none (their first text, or first since erasure). */
    public TextSealer forCustomer(CustomerId customer) {
        List<Key> live = jdbc.query("""
                SELECT key_id, key FROM event_store.customer_key WHERE customer_id = ? AND key IS NOT NULL""",
                (row, n) -> new Key(row.getString("key_id"), row.getBytes("key")), customer.value());
        return live.isEmpty() ? newKey(customer) : live.get(0);
    }

    /** A sealer for the customer of the case; empty when no such case was opened. One statement when a key lives. */
    public Optional<TextSealer> forCase(CaseId caseId) {
        List<CaseKey> rows = jdbc.query("""
                SELECT c.customer_id, k.key_id, k.key FROM event_store.case_customer c
                LEFT JOIN event_store.customer_key k ON k.customer_id = c.customer_id AND k.key IS NOT NULL
                WHERE c.case_id = ?""",
                (row, n) -> new CaseKey(new CustomerId(row.getString("customer_id")), row.getString("key_id"),
                        row.getBytes("key")), caseId.toString());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        CaseKey row = rows.get(0);
        return Optional.of(row.keyId() == null ? newKey(row.customer()) : new Key(row.keyId(), row.key()));
    }

    /** Counts the customer's live keys and locks them until the erasure's transaction ends. */
    public LiveKeys lockLiveKeys(CustomerId customer) {
        return new LiveKeys(jdbc.queryForList("""
                SELECT key_id FROM event_store.customer_key WHERE customer_id = ? AND key IS NOT NULL FOR UPDATE""",
                String.class, customer.value()).size());
    }

    /** Destroys every live key of the customer; answers how many. */
    int destroyKeys(CustomerId customer) {
        return jdbc.update("UPDATE event_store.customer_key SET key = NULL, erased_at = now() "
                + "WHERE customer_id = ? AND key IS NOT NULL", customer.value());
    }

    private Key newKey(CustomerId customer) {
        // A new key cannot open text sealed before an erasure. Two first texts racing: one insert wins, both use it.
        List<Key> made = jdbc.query("""
                INSERT INTO event_store.customer_key (key_id, customer_id, key) VALUES (?, ?, ?)
                ON CONFLICT (customer_id) WHERE key IS NOT NULL DO NOTHING RETURNING key_id, key""",
                (row, n) -> new Key(row.getString("key_id"), row.getBytes("key")),
                ids.generateId().toString(), customer.value(), PersonalDataCipher.newKey());
        return made.isEmpty() ? (Key) forCustomer(customer) : made.get(0);
    }

    private record CaseKey(CustomerId customer, String keyId, byte[] key) {
    }

    /** A key and its id; never printed (toString names the id only). */
    private static final class Key implements TextSealer {
        private final String id;
        private final byte[] bytes;

        Key(String id, byte[] bytes) {
            this.id = id;
            this.bytes = bytes;
        }

        @Override
        public PersonalText seal(String text) {
            return text == null ? null : PersonalText.sealed(id, PersonalDataCipher.seal(bytes, id, text));
        }

        @Override
        public String toString() {
            return "key " + id;
        }
    }
}
