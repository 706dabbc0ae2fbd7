package dev.leeway.command.privacy;

import com.zaxxer.hikari.HikariDataSource;
import dev.leeway.kernel.privacy.KeyVaultReader;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The key vault: the database customers' keys live in ({@code leeway.key-vault.*}, e.g.
 * {@code LEEWAY_KEY_VAULT_URL}), apart from the event store's, so that no backup or copy of the event store holds
 * a key. Migrated here on start-up (db/migration/key-vault, as the vault's admin, with the event store's role
 * placeholders), before the event store's own migrations, one of which moves the keys of earlier versions here.
 * Its pool is not a {@code DataSource} bean, so the event store's stays Spring Boot's; keys are written in
 * transactions of their own, never in the command's.
 */
@Component
public class KeyVault implements AutoCloseable {

    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;

    KeyVault(@Value("${leeway.key-vault.url}") String url,
             @Value("${leeway.key-vault.username}") String username,
             @Value("${leeway.key-vault.password}") String password,
             @Value("${leeway.key-vault.admin-user}") String adminUser,
             @Value("${leeway.key-vault.admin-password}") String adminPassword,
             @Value("${leeway.key-vault.pool-size:4}") int poolSize,
             FlywayProperties eventStoreMigrations) {
        Flyway.configure()
                .dataSource(url, adminUser, adminPassword)
                .schemas("key_vault").defaultSchema("key_vault")
                .locations("classpath:db/migration/key-vault")
                .placeholders(eventStoreMigrations.getPlaceholders())
                .load().migrate();
        pool = KeyVaultReader.pool(url, username, password, poolSize);
        jdbc = new JdbcTemplate(pool);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        pool.close();
    }
}
