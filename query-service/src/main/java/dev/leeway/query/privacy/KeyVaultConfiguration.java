package dev.leeway.query.privacy;

import dev.leeway.kernel.privacy.KeyVaultReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Personal text (the audit API's events, rule-change proposals) is opened with keys from the key vault
 * ({@code leeway.key-vault.*}, e.g. {@code LEEWAY_KEY_VAULT_URL}): a database apart from the event store's, read
 * through {@code key_vault.live_key} only. Its pool is not a {@code DataSource} bean, so the read models' own
 * stays Spring Boot's.
 */
@Configuration(proxyBeanMethods = false)
class KeyVaultConfiguration {

    @Bean
    KeyVaultReader keyVaultReader(@Value("${leeway.key-vault.url}") String url,
                                  @Value("${leeway.key-vault.username}") String username,
                                  @Value("${leeway.key-vault.password}") String password,
                                  @Value("${leeway.key-vault.pool-size:2}") int poolSize) {
        return KeyVaultReader.pooled(url, username, password, poolSize);
    }
}
