package dev.leeway.command.privacy;

import dev.leeway.command.support.ApiClient;
import dev.leeway.command.support.CommandApiTest;
import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.identity.Role;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Customers' keys live in the key vault, a database apart from the event store's: a backup of the event store
 * holds none, the readers get one live key by id and cannot list the vault, and an erased key stays erased when
 * the vault is restored from a backup taken before the erasure.
 */
class KeyVaultIT extends CommandApiTest {

    @Autowired
    CustomerKeys customerKeys;
    @Autowired
    KeyVault keyVault;

    @Test
    void aSealedTextsKeyIsInTheVaultAndTheEventStoresDatabaseHoldsNoKeyTable() throws SQLException {
        String customer = unique("CUST");
        openCaseFor(customer);

        assertThat(liveKeys(customer)).hasSize(1);
        try (Connection eventStore = LocalInfrastructure.shared().adminConnection();
             ResultSet tables = eventStore.createStatement().executeQuery("""
                     SELECT count(*) FROM information_schema.tables
                     WHERE table_name = 'customer_key' OR table_schema = 'key_vault'""")) {
            tables.next();
            assertThat(tables.getLong(1)).as("no key table in the event store's database").isZero();
        }
    }

    @Test
    void anErasureListsItsKeysInTheEventStoreAndTheVaultDestroysThem() throws SQLException {
        String customer = unique("CUST");
        openCaseFor(customer);
        String keyId = liveKeys(customer).get(0);

        assertThat(admin().post("/customers/" + customer + "/erasure", "").status()).isEqualTo(200);

        assertThat(liveKeys(customer)).isEmpty();
        assertThat(jdbc.queryForList("SELECT customer_id FROM event_store.erased_key WHERE key_id = ?", String.class,
                keyId)).containsExactly(customer);
    }

    @Test
    void aVaultRestoredFromBeforeAnErasureLosesTheErasedKeyAgainAndNoOtherKey() throws SQLException {
        String customer = unique("CUST");
        String bystander = unique("CUST");
        openCaseFor(customer);
        openCaseFor(bystander);
        String erased = liveKeys(customer).get(0);
        byte[] backedUp = vaultAdmin("SELECT key FROM key_vault.customer_key WHERE key_id = ?", erased);
        assertThat(admin().post("/customers/" + customer + "/erasure", "").status()).isEqualTo(200);
        assertThat(liveKeys(customer)).isEmpty();

        vaultAdmin("UPDATE key_vault.customer_key SET key = ?, erased_at = NULL WHERE key_id = ?", backedUp, erased);
        assertThat(liveKeys(customer)).as("the restore brought the erased key back").containsExactly(erased);

        customerKeys.destroyErasedKeys();

        assertThat(liveKeys(customer)).isEmpty();
        assertThat(liveKeys(bystander)).as("a key no erasure names is never touched").hasSize(1);
        assertThat(customerKeys.destroyErasedKeys()).as("nothing left to destroy").isZero();
    }

    @Test
    void readersGetOneLiveKeyByItsIdAndCannotListTheVault() throws SQLException {
        String customer = unique("CUST");
        openCaseFor(customer);
        String keyId = liveKeys(customer).get(0);

        for (String reader : List.of("leeway_projection", "leeway_query")) {
            try (Connection connection = DriverManager.getConnection(LocalInfrastructure.shared().keyVaultUrl(),
                    reader, reader)) {
                assertThatThrownBy(() -> connection.createStatement().executeQuery(
                        "SELECT key_id, key FROM key_vault.customer_key"))
                        .as(reader + " may not list the vault")
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                assertThat(liveKey(connection, keyId)).as(reader + " opens a live key by its id").hasSize(32);
                assertThat(liveKey(connection, "no-such-key")).isNull();
            }
        }
        assertThat(admin().post("/customers/" + customer + "/erasure", "").status()).isEqualTo(200);
        try (Connection connection = DriverManager.getConnection(LocalInfrastructure.shared().keyVaultUrl(),
                "leeway_query", "leeway_query")) {
            assertThat(liveKey(connection, keyId)).as("a destroyed key is gone for readers too").isNull();
        }
    }

    @Test
    void aReviewNoteIsSealedWithTheCustomersKeyAndGoesWithTheirErasure() throws SQLException {
        String customer = unique("CUST");
        String caseId = openCaseFor(customer);
        String bendId = grantedBend(caseId);

        assertThat(as(unique("sue"), Role.SUPERVISOR).post("/cases/" + caseId + "/exceptions/" + bendId + "/review",
                "{\"verdict\":\"UPHELD\",\"note\":\"Mrs Example was in hospital\"}").status()).isEqualTo(200);

        Map<String, Object> note = jdbc.queryForMap("""
                SELECT payload_revision, payload::jsonb -> 'note' ->> 'keyId' AS key_id, payload AS stored
                FROM event_store.domain_event_entry WHERE aggregate_identifier = ?
                AND payload_type = 'dev.leeway.kernel.cases.ExceptionReviewed'""", caseId);
        assertThat(note.get("payload_revision")).isEqualTo("2");
        assertThat((String) note.get("stored")).doesNotContain("hospital");
        assertThat(note.get("key_id")).isEqualTo(liveKeys(customer).get(0));
    }

    @Test
    void aProposalIsSealedWithAKeyOfItsOwnThatTheErasureOfAnyCitedCustomerDestroys() throws SQLException {
        String first = unique("CUST");
        String second = unique("CUST");
        String bystander = unique("CUST");
        List<String> cited = List.of(grantedBend(openCaseFor(first)), grantedBend(openCaseFor(second)));
        String citingBystander = grantedBend(openCaseFor(bystander));
        String policy = jdbc.queryForObject("SELECT payload::jsonb ->> 'policyCode' FROM "
                + "event_store.domain_event_entry WHERE payload::jsonb ->> 'exceptionId' = ?", String.class, cited.get(0));

        String proposal = propose(policy, "Mrs First and Mr Second both waited", cited);
        String other = propose(policy, "Mx Bystander waited too", List.of(citingBystander));

        String key = proposalKey(proposal);
        assertThat((String) jdbc.queryForObject("SELECT payload FROM event_store.domain_event_entry "
                + "WHERE payload::jsonb ->> 'proposalId' = ?", String.class, proposal)).doesNotContain("waited");
        assertThat(key).isNotIn(liveKeys(first)).isNotIn(liveKeys(second));
        assertThat(keyVault.jdbc().queryForList("SELECT customer_id FROM key_vault.shared_key_subject "
                + "WHERE key_id = ? ORDER BY customer_id", String.class, key))
                .containsExactlyElementsOf(java.util.stream.Stream.of(first, second).sorted().toList());

        assertThat(admin().post("/customers/" + second + "/erasure", "").status()).isEqualTo(200);

        assertThat(isLive(key)).as("the erasure of a cited customer destroys the proposal's key").isFalse();
        assertThat(isLive(proposalKey(other))).as("a proposal citing someone else keeps its key").isTrue();
        assertThat(liveKeys(first)).as("the other cited customer keeps their own key").hasSize(1);
    }

    private String grantedBend(String caseId) {
        String policy = definePolicy("BENDABLE", "DAYS", 30, 200, 500);
        ApiClient.Response bend = as("alice", Role.AGENT).post("/cases/" + caseId + "/exceptions", """
                {"policyCode":"%s","deviation":2,"valueGiven":{"amount":10,"currency":"EUR"},
                 "reasonCode":"GOODWILL","justification":"Customer was not at fault"}""".formatted(policy));
        assertThat(bend.status()).as(bend.body()).isEqualTo(201);
        return bend.text("exceptionId");
    }

    private String propose(String policy, String text, List<String> cited) {
        ApiClient.Response proposed = as("alice", Role.AGENT).post("/policies/" + policy + "/proposals", """
                {"proposal":"%s","citedExceptionIds":["%s"]}""".formatted(text, String.join("\",\"", cited)));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        return proposed.text("proposalId");
    }

    private String proposalKey(String proposalId) {
        return jdbc.queryForObject("SELECT payload::jsonb -> 'proposal' ->> 'keyId' FROM "
                + "event_store.domain_event_entry WHERE payload::jsonb ->> 'proposalId' = ?", String.class, proposalId);
    }

    private boolean isLive(String keyId) {
        return keyVault.jdbc().queryForObject("SELECT count(*) FROM key_vault.customer_key "
                + "WHERE key_id = ? AND key IS NOT NULL", Integer.class, keyId) == 1;
    }

    /**
     * Keys of versions before the vault sat in {@code event_store.customer_key}: migration 8 moves them, live and
     * destroyed, lists the destroyed ones as erased and drops the table. Run on an event store of its own.
     */
    @Test
    void migrationEightMovesEarlierKeysToTheVaultAndDropsTheirTable() throws SQLException {
        EmbeddedPostgresServer server = LocalInfrastructure.shared().postgres();
        String database = "key_move_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.ensureDatabase(database);
        String url = server.jdbcUrl(database);
        migrate(url, "7").migrate();
        String live = UUID.randomUUID().toString();
        String destroyed = UUID.randomUUID().toString();
        String customer = unique("CUST");
        try (Connection eventStore = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
             PreparedStatement insert = eventStore.prepareStatement(
                     "INSERT INTO event_store.customer_key (key_id, customer_id, key, erased_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, live);
            insert.setString(2, customer);
            insert.setBytes(3, new byte[] {1, 2, 3});
            insert.setObject(4, null);
            insert.executeUpdate();
            insert.setString(1, destroyed);
            insert.setString(2, customer);
            insert.setBytes(3, null);
            insert.setObject(4, java.time.OffsetDateTime.parse("2026-02-01T10:00:00Z"));
            insert.executeUpdate();
        }

        migrate(url, "latest").migrate();

        assertThat(liveKeys(customer)).containsExactly(live);
        assertThat(keyVault.jdbc().queryForObject("SELECT count(*) FROM key_vault.customer_key WHERE key_id = ? "
                + "AND key IS NULL AND erased_at = '2026-02-01T10:00:00Z'", Integer.class, destroyed)).isEqualTo(1);
        try (Connection eventStore = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
             ResultSet rows = eventStore.createStatement().executeQuery(
                     "SELECT key_id, to_regclass('event_store.customer_key') IS NULL FROM event_store.erased_key")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(destroyed);
            assertThat(rows.getBoolean(2)).as("the old key table is dropped").isTrue();
            assertThat(rows.next()).isFalse();
        }
    }

    private Flyway migrate(String url, String target) {
        return Flyway.configure()
                .dataSource(url, EmbeddedPostgresServer.SUPERUSER, "")
                .schemas("event_store").defaultSchema("event_store")
                .locations("classpath:db/migration/event-store")
                .javaMigrations(new KeysMovedToTheKeyVault(keyVault))
                .placeholders(Map.of("command_role", "leeway_command", "command_password", "leeway_command",
                        "query_role", "leeway_query", "query_password", "leeway_query",
                        "projection_role", "leeway_projection", "projection_password", "leeway_projection"))
                .target(target)
                .load();
    }

    private String openCaseFor(String customer) {
        ApiClient.Response opened = as("alice", Role.AGENT).post("/cases", """
                {"customerId":"%s","channel":"EMAIL","subject":"Parcel lost","description":"Left at the door"}"""
                .formatted(customer));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.text("caseId");
    }

    private ApiClient admin() {
        return as("ada", Role.ADMIN);
    }

    private List<String> liveKeys(String customer) {
        return keyVault.jdbc().queryForList(
                "SELECT key_id FROM key_vault.customer_key WHERE customer_id = ? AND key IS NOT NULL", String.class,
                customer);
    }

    /** Runs {@code sql} on the vault as its admin; answers the first column of the first row, if any. */
    private static byte[] vaultAdmin(String sql, Object... arguments) throws SQLException {
        try (Connection vault = DriverManager.getConnection(LocalInfrastructure.shared().keyVaultUrl(),
                EmbeddedPostgresServer.SUPERUSER, "");
             PreparedStatement statement = vault.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            if (!statement.execute()) {
                return null;
            }
            try (ResultSet row = statement.getResultSet()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }

    private static byte[] liveKey(Connection connection, String keyId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT key_vault.live_key(?)")) {
            select.setString(1, keyId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }
}
