package dev.leeway.command.privacy;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Event store migration 8: the customer keys that earlier versions kept in the event store's database
 * ({@code event_store.customer_key}, V4) move to the {@link KeyVault}, destroyed keys as destroyed rows, and the
 * table is dropped, so that a backup taken from now on holds no key. Keys an erasure destroyed are listed in
 * {@code event_store.erased_key} (V7) like every erasure's since. Spring Boot hands this bean to Flyway, which
 * runs it as the event store's admin after V7; the vault is migrated before (the bean needs it).
 * <p>
 * Backups of the event store taken before this migration still hold those keys: see the README's "Personal data
 * and erasure".
 */
@Component
class KeysMovedToTheKeyVault implements JavaMigration {

    private final KeyVault vault;

    KeysMovedToTheKeyVault(KeyVault vault) {
        this.vault = vault;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("8");
    }

    @Override
    public String getDescription() {
        return "customer keys moved to the key vault";
    }

    @Override
    public Integer getChecksum() {
        return 8;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    /**
     * Copies every key row to the vault (one that is there already is left as it is: a re-run after a failure
     * between the vault's commit and this transaction's), then drops the table in this transaction.
     */
    @Override
    public void migrate(Context context) throws SQLException {
        Connection eventStore = context.getConnection();
        try (Statement select = eventStore.createStatement();
             ResultSet keys = select.executeQuery(
                     "SELECT key_id, customer_id, key, created_at, erased_at FROM event_store.customer_key");
             PreparedStatement erased = eventStore.prepareStatement("""
                     INSERT INTO event_store.erased_key (key_id, customer_id, erased_at) VALUES (?, ?, ?)
                     ON CONFLICT DO NOTHING""")) {
            while (keys.next()) {
                vault.jdbc().update("""
                        INSERT INTO key_vault.customer_key (key_id, customer_id, key, created_at, erased_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                        keys.getString("key_id"), keys.getString("customer_id"), keys.getBytes("key"),
                        keys.getObject("created_at"), keys.getObject("erased_at"));
                if (keys.getBytes("key") == null) {
                    erased.setString(1, keys.getString("key_id"));
                    erased.setString(2, keys.getString("customer_id"));
                    erased.setObject(3, keys.getObject("erased_at"));
                    erased.executeUpdate();
                }
            }
        }
        try (Statement drop = eventStore.createStatement()) {
            drop.execute("DROP TABLE event_store.customer_key");
        }
    }
}
