package dev.leeway.kernel.privacy;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens sealed personal text for readers entitled to it (projection-service's read models, query-service's audit
 * API) while the customer's key lives; once it is destroyed the text reads as {@link PersonalText#ERASED}. Keys
 * come from the key vault, a database of their own, one live key at a time by the id a sealed text names
 * ({@code key_vault.live_key}: readers cannot list the vault). Owns its connection pool and closes it.
 */
public final class KeyVaultReader implements AutoCloseable {

    private final DataSource vault;

    public KeyVaultReader(DataSource vault) {
        this.vault = vault;
    }

    /** A reader with a pool of its own, read-only, of at most {@code size} connections to the vault. */
    public static KeyVaultReader pooled(String url, String username, String password, int size) {
        HikariDataSource pool = pool(url, username, password, size);
        pool.setReadOnly(true);
        return new KeyVaultReader(pool);
    }

    /** A pool of at most {@code size} connections to the vault, named {@code key-vault} in metrics and logs. */
    public static HikariDataSource pool(String url, String username, String password, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("key-vault");
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setMaximumPoolSize(size);
        return pool;
    }

    /**
     * Opens like {@link #open}, looking each key up once for as long as the function is kept: for a batch or a
     * rebuild, which open many texts of few customers in one go.
     */
    public Function<PersonalText, String> opener() {
        Map<String, Optional<byte[]>> keys = new HashMap<>();
        return text -> open(text, keyId -> keys.computeIfAbsent(keyId, this::liveKey));
    }

    /** The text, opened with its key if the key lives; {@link PersonalText#ERASED} if not; null for null. */
    public String open(PersonalText text) {
        return open(text, this::liveKey);
    }

    private static String open(PersonalText text, Function<String, Optional<byte[]>> keys) {
        if (text == null) {
            return null;
        }
        if (!text.isSealed()) {
            return text.plain();
        }
        return keys.apply(text.keyId())
                .flatMap(key -> PersonalDataCipher.open(key, text.keyId(), text.sealed()))
                .orElse(PersonalText.ERASED);
    }

    /** The key named {@code keyId} while it lives; empty once destroyed, or if the vault never held it. */
    public Optional<byte[]> liveKey(String keyId) {
        try (Connection connection = vault.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT key_vault.live_key(?)")) {
            select.setString(1, keyId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the key vault could not be read", e);
        }
    }

    @Override
    public void close() throws Exception {
        if (vault instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
