package dev.leeway.command.privacy;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.privacy.PersonalDataCipher;
import dev.leeway.kernel.privacy.PersonalText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Customers' keys, in the {@link KeyVault} (a database apart from the event store's): one live key per customer,
 * and shared keys for texts that may tell of several customers ({@link #forCitedBends}). A key is made in a
 * transaction of its own before the first text it seals is stored: a command that then fails leaves an unused
 * key, never a text without one. A destroyed key's row keeps its id and dates, never its bytes.
 * A case's customer comes from {@code event_store.case_customer}, which {@link CustomerKeysProjection} keeps from
 * the events; the keys each erasure destroyed are listed in {@code event_store.erased_key} in the erasure's own
 * transaction and destroyed in the vault once it commits, and again by {@link #destroyErasedKeys} (a crash in
 * between, a restored backup of the vault).
 */
@Component
public class CustomerKeys {

    private static final Logger log = LoggerFactory.getLogger(CustomerKeys.class);

    private final JdbcTemplate eventStore;
    private final JdbcTemplate vault;
    private final IdGenerator ids;

    CustomerKeys(JdbcTemplate eventStore, KeyVault vault, IdGenerator ids) {
        this.eventStore = eventStore;
        this.vault = vault.jdbc();
        this.ids = ids;
    }

    /** A sealer with the customer's live key, made now if they have none (their first text, or first since erasure). */
    public TextSealer forCustomer(CustomerId customer) {
        List<Key> live = vault.query("""
                SELECT key_id, key FROM key_vault.customer_key WHERE customer_id = ? AND key IS NOT NULL""",
                (row, n) -> new Key(row.getString("key_id"), row.getBytes("key")), customer.value());
        return live.isEmpty() ? newKey(customer) : live.get(0);
    }

    /** A sealer for the customer of the case; empty when no such case was opened. */
    public Optional<TextSealer> forCase(CaseId caseId) {
        return eventStore.queryForList("SELECT customer_id FROM event_store.case_customer WHERE case_id = ?",
                        String.class, caseId.toString()).stream().findFirst()
                .map(customer -> forCustomer(new CustomerId(customer)));
    }

    /**
     * A sealer with a new shared key for a text that may tell of the customers whose bends it cites (a rule-change
     * proposal): the erasure of any of them destroys it. A bend not known here (never requested) names nobody.
     */
    public TextSealer forCitedBends(List<ExceptionId> cited) {
        List<String> customers = cited.isEmpty() ? List.of() : eventStore.queryForList("""
                SELECT DISTINCT c.customer_id FROM event_store.exception_case e
                JOIN event_store.case_customer c ON c.case_id = e.case_id
                WHERE e.exception_id = ANY (?::varchar[])""", String.class,
                (Object) cited.stream().map(ExceptionId::toString).toArray(String[]::new));
        String keyId = ids.generateId().toString();
        byte[] key = PersonalDataCipher.newKey();
        vault.update("""
                WITH made AS (INSERT INTO key_vault.customer_key (key_id, customer_id, key) VALUES (?, NULL, ?))
                INSERT INTO key_vault.shared_key_subject (key_id, customer_id) SELECT ?, unnest(?::varchar[])""",
                keyId, key, keyId, customers.toArray(String[]::new));
        return new Key(keyId, key);
    }

    /**
     * How many live keys the customer has. Not locked: erasures of one customer are decided one at a time by its
     * {@link CustomerPrivacy} aggregate, and a text sealed meanwhile with a key about to go is erased with it.
     */
    public LiveKeys liveKeys(CustomerId customer) {
        return new LiveKeys(liveKeyIds(customer).size());
    }

    /**
     * Lists the customer's live keys as erased in the event store, in the caller's transaction (the erasure's),
     * and destroys them in the vault once that commits ({@code afterCommit}, run at once when there is none).
     */
    void eraseKeys(CustomerId customer, Consumer<Runnable> afterCommit) {
        List<String> live = liveKeyIds(customer);
        for (String keyId : live) {
            eventStore.update("INSERT INTO event_store.erased_key (key_id, customer_id) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING", keyId, customer.value());
        }
        if (!live.isEmpty()) {
            afterCommit.accept(() -> destroy(live));
        }
    }

    /** The customer's own live key and the live shared keys that name them. */
    private List<String> liveKeyIds(CustomerId customer) {
        return vault.queryForList("""
                SELECT key_id FROM key_vault.customer_key
                WHERE key IS NOT NULL AND (customer_id = ? OR key_id IN (
                    SELECT key_id FROM key_vault.shared_key_subject WHERE customer_id = ?))""",
                String.class, customer.value(), customer.value());
    }

    /**
     * Destroys in the vault every key the event store lists as erased and the vault still holds; answers how many.
     * A live key no erasure names is never touched (a customer's first text after an erasure has a new key).
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${leeway.key-vault.reconcile-interval:PT5M}")
    public int destroyErasedKeys() {
        List<String> erased = eventStore.queryForList("SELECT key_id FROM event_store.erased_key", String.class);
        int destroyed = erased.isEmpty() ? 0 : destroy(erased);
        if (destroyed > 0) {
            log.warn("Destroyed {} customer key(s) that erasures had destroyed before: the key vault was restored "
                    + "from a backup, or the service stopped between an erasure and the vault", destroyed);
        }
        return destroyed;
    }

    private int destroy(List<String> keyIds) {
        return vault.update(connection -> {
            var update = connection.prepareStatement("UPDATE key_vault.customer_key SET key = NULL, erased_at = now() "
                    + "WHERE key_id = ANY (?) AND key IS NOT NULL");
            update.setArray(1, connection.createArrayOf("varchar", keyIds.toArray()));
            return update;
        });
    }

    private Key newKey(CustomerId customer) {
        // A new key cannot open text sealed before an erasure. Two first texts racing: one insert wins, both use it.
        List<Key> made = vault.query("""
                INSERT INTO key_vault.customer_key (key_id, customer_id, key) VALUES (?, ?, ?)
                ON CONFLICT (customer_id) WHERE key IS NOT NULL DO NOTHING RETURNING key_id, key""",
                (row, n) -> new Key(row.getString("key_id"), row.getBytes("key")),
                ids.generateId().toString(), customer.value(), PersonalDataCipher.newKey());
        return made.isEmpty() ? (Key) forCustomer(customer) : made.get(0);
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
