package dev.leeway.command.privacy;

import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.privacy.PersonalDataCipher;
import dev.leeway.kernel.privacy.PersonalText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

import java.util.List;

/**
 * Keys in {@code event_store.customer_key}, one live key per customer, used in the command's own transaction.
 * A destroyed key's row keeps its id and dates, never its bytes. (PostgreSQL removes the old row version at its
 * next VACUUM; until then the bytes linger in the table's files, as in any database.)
 */
@Component
class JdbcPersonalDataVault implements PersonalDataVault {

    private record Key(String id, byte[] bytes) {
    }

    private final JdbcTemplate jdbc;
    private final IdGenerator ids;

    JdbcPersonalDataVault(JdbcTemplate jdbc, IdGenerator ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    @Override
    public PersonalText seal(CustomerId customer, String text) {
        if (text == null) {
            return null;
        }
        Key key = liveKey(customer);
        return PersonalText.sealed(key.id(), PersonalDataCipher.seal(key.bytes(), key.id(), text));
    }

    @Override
    public int destroyKeys(CustomerId customer) {
        return jdbc.update("UPDATE event_store.customer_key SET key = NULL, erased_at = now() "
                + "WHERE customer_id = ? AND key IS NOT NULL", customer.value());
    }

    private Key liveKey(CustomerId customer) {
        List<Key> live = find(customer);
        if (!live.isEmpty()) {
            return live.get(0);
        }
        // A customer's first text, or their first since an erasure: a new key, which cannot open older text.
        jdbc.update("""
                INSERT INTO event_store.customer_key (key_id, customer_id, key) VALUES (?, ?, ?)
                ON CONFLICT (customer_id) WHERE key IS NOT NULL DO NOTHING""",
                ids.generateId().toString(), customer.value(), PersonalDataCipher.newKey());
        return find(customer).get(0);
    }

    private List<Key> find(CustomerId customer) {
        return jdbc.query("SELECT key_id, key FROM event_store.customer_key WHERE customer_id = ? AND key IS NOT NULL",
                (row, n) -> new Key(row.getString("key_id"), row.getBytes("key")), customer.value());
    }
}
