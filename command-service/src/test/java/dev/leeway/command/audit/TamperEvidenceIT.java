package dev.leeway.command.audit;

import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.audit.AuditLogReader;
import dev.leeway.kernel.audit.VerificationReport;
import dev.leeway.kernel.audit.VerificationReport.Reason;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tampering as a superuser would do it (triggers switched off for the session), on a database of its own made
 * by the real migrations, with events appended as command-service appends them. Each kind of tampering must be
 * found, at the right first position; an untouched store must verify clean.
 */
class TamperEvidenceIT {

    private static final String[] CASES = {"c-1", "c-2", "c-3"};

    private String database;
    private Connection admin;

    @BeforeEach
    void freshEventStore() throws SQLException {
        EmbeddedPostgresServer server = LocalInfrastructure.shared().postgres();
        database = "tamper_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.ensureDatabase(database);
        Flyway.configure()
                .dataSource(server.jdbcUrl(database), EmbeddedPostgresServer.SUPERUSER, "")
                .schemas("event_store").defaultSchema("event_store")
                .locations("classpath:db/migration/event-store")
                .placeholders(Map.of("command_role", "leeway_command", "command_password", "leeway_command",
                        "query_role", "leeway_query", "query_password", "leeway_query",
                        "projection_role", "leeway_projection", "projection_password", "leeway_projection"))
                .load().migrate();
        admin = DriverManager.getConnection(server.jdbcUrl(database), EmbeddedPostgresServer.SUPERUSER, "");
        try (Connection service = connectAs("leeway_command")) {
            for (int sequence = 0; sequence < 3; sequence++) {
                for (String caseId : CASES) {
                    append(service, caseId, sequence, "{\"note\":\"Zoë paid 12,50 € 🙂 step " + sequence + "\"}");
                }
            }
            service.createStatement().executeQuery("SELECT * FROM event_store.seal_checkpoint(1000)").close();
        }
    }

    @AfterEach
    void close() throws SQLException {
        admin.close();
    }

    @Test
    void anUntouchedStoreVerifiesClean() throws SQLException {
        try (Connection service = connectAs("leeway_command")) {
            append(service, "c-1", 3, "{\"after\":\"the checkpoint\"}");
        }

        VerificationReport report = verify(null);

        assertThat(report.intact()).as(String.valueOf(report.firstBrokenLink())).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(10);
        assertThat(report.checkpointsChecked()).isEqualTo(1);
        assertThat(report.unsealedEvents()).isEqualTo(1);
        assertThat(report.latestDigest()).hasSize(64);
    }

    @Test
    void todaysLogProvablyExtendsTheOneAnEarlierDigestSealed() throws SQLException {
        String kept = verify(null).latestDigest();
        try (Connection service = connectAs("leeway_command")) {
            append(service, "c-2", 3, "{\"later\":true}");
            service.createStatement().executeQuery("SELECT * FROM event_store.seal_checkpoint(1000)").close();
        }

        VerificationReport report = verify(kept);

        assertThat(report.extendsDigest()).isTrue();
        assertThat(report.checkpointsChecked()).isEqualTo(2);
        assertThat(report.latestDigest()).isNotEqualTo(kept);
        assertThat(verify("00".repeat(32)).firstBrokenLink().reason()).isEqualTo(Reason.DIGEST_NOT_FOUND);
    }

    @Test
    void aChangedPayloadByteIsFoundAtItsPosition() throws SQLException {
        long position = position("c-2", 1);

        tamper("UPDATE event_store.domain_event_entry SET payload = replace(payload, 'step', 'stop') WHERE global_index = "
                + position);

        assertBroken(verify(null), position, Reason.PAYLOAD_CHANGED);
    }

    @Test
    void aDeletedEventIsFoundAtItsPosition() throws SQLException {
        long position = position("c-3", 1);

        tamper("DELETE FROM event_store.domain_event_entry WHERE global_index = " + position);

        assertBroken(verify(null), position, Reason.EVENT_MISSING);
    }

    @Test
    void aDeletedEventWhoseHashWasDeletedTooIsStillFound() throws SQLException {
        long position = position("c-3", 1);

        tamper("DELETE FROM event_store.domain_event_entry WHERE global_index = " + position,
                "DELETE FROM event_store.event_hash WHERE global_index = " + position);

        VerificationReport report = verify(null);
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBrokenLink().position()).isLessThanOrEqualTo(position("c-3", 2));
        assertThat(report.firstBrokenLink().reason()).isIn(Reason.EVENT_MISSING, Reason.CHECKPOINT_MISMATCH);
    }

    @Test
    void aForgedEventIsFoundAtItsPosition() throws SQLException {
        tamper("""
                INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES ('forged', 'c-1', 3, 'Case', '2026-11-23T10:00:00Z', 'x.ExceptionGranted', '1', '{}', '{}')""");
        long forged = position("c-1", 3);

        assertBroken(verify(null), forged, Reason.EVENT_INSERTED);
    }

    @Test
    void twoSwappedEventsAreFoundAtTheFirstOfThem() throws SQLException {
        long first = position("c-1", 1);
        long second = position("c-1", 2);

        tamper("UPDATE event_store.domain_event_entry SET sequence_number = -1 WHERE global_index = " + first,
                "UPDATE event_store.domain_event_entry SET sequence_number = 1 WHERE global_index = " + second,
                "UPDATE event_store.domain_event_entry SET sequence_number = 2 WHERE global_index = " + first);

        assertBroken(verify(null), first, Reason.REORDERED);
    }

    @Test
    void aRewrittenEventWithRecomputedHashesBreaksTheCheckpointThatSealedIt() throws SQLException {
        long position = position("c-1", 2);

        tamper("UPDATE event_store.domain_event_entry SET payload = '{\"note\":\"rewritten\"}' WHERE global_index = "
                        + position,
                // The attacker recomputes the event's hash exactly as the database does at append.
                """
                UPDATE event_store.event_hash h SET hash = sha256(h.previous_hash || event_store.hash_field(e.event_identifier)
                    || event_store.hash_field(e.aggregate_identifier) || event_store.hash_field(e.sequence_number::text)
                    || event_store.hash_field(e.type) || event_store.hash_field(e.payload_type)
                    || event_store.hash_field(e.payload_revision) || event_store.hash_field(e.time_stamp)
                    || event_store.hash_field(e.payload) || event_store.hash_field(e.meta_data))
                FROM event_store.domain_event_entry e WHERE e.global_index = h.global_index AND h.global_index = """
                        + position);

        VerificationReport report = verify(null);
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBrokenLink().reason()).isEqualTo(Reason.CHECKPOINT_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"leeway_command", "leeway_query"})
    void theServicesRolesCannotUpdateDeleteOrTruncateHistory(String role) throws SQLException {
        try (Connection service = connectAs(role)) {
            for (String table : new String[]{"domain_event_entry", "event_hash", "checkpoint"}) {
                assertThatThrownBy(() -> service.createStatement().executeUpdate(update(table)))
                        .as(role + " updating " + table).isInstanceOfSatisfying(SQLException.class, TamperEvidenceIT::insufficientPrivilege);
                assertThatThrownBy(() -> service.createStatement().executeUpdate("DELETE FROM event_store." + table))
                        .as(role + " deleting from " + table).isInstanceOfSatisfying(SQLException.class, TamperEvidenceIT::insufficientPrivilege);
                assertThatThrownBy(() -> service.createStatement().executeUpdate("TRUNCATE event_store." + table))
                        .as(role + " truncating " + table).isInstanceOfSatisfying(SQLException.class, TamperEvidenceIT::insufficientPrivilege);
            }
        }
        assertThat(verify(null).intact()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"domain_event_entry", "event_hash", "checkpoint"})
    void evenTheOwnerCannotUpdateDeleteOrTruncateHistoryWithoutSwitchingTheTriggersOff(String table)
            throws SQLException {
        for (String rewrite : List.of(update(table),
                "DELETE FROM event_store." + table, "TRUNCATE event_store." + table)) {
            boolean autoCommit = admin.getAutoCommit();
            admin.setAutoCommit(false); // should the guard be missing, nothing is lost for the other tests
            try {
                assertThatThrownBy(() -> admin.createStatement().executeUpdate(rewrite)).as(rewrite)
                        .hasMessageContaining("append-only");
            } finally {
                admin.rollback();
                admin.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * An update of a column any role could otherwise write (not an identity column, which refuses every update
     * for a reason of its own), to its own value.
     */
    private static String update(String table) {
        String column = Map.of("domain_event_entry", "payload", "event_hash", "hash", "checkpoint", "digest")
                .get(table);
        return "UPDATE event_store." + table + " SET " + column + " = " + column;
    }

    /** Refused for want of the privilege (SQLSTATE 42501), not for any other reason a statement may fail. */
    private static void insufficientPrivilege(SQLException refused) {
        assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("42501");
    }

    private void assertBroken(VerificationReport report, long position, Reason reason) {
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBrokenLink().position()).as(report.firstBrokenLink().detail()).isEqualTo(position);
        assertThat(report.firstBrokenLink().reason()).isEqualTo(reason);
    }

    private VerificationReport verify(String sinceDigest) throws SQLException {
        return new AuditLogReader(admin).verify(sinceDigest);
    }

    /** Runs statements as the superuser with triggers off, as an attacker with database access would. */
    private void tamper(String... statements) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("SET session_replication_role = origin");
        }
    }

    private long position(String aggregate, long sequence) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("""
                SELECT global_index FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = ?""")) {
            query.setString(1, aggregate);
            query.setLong(2, sequence);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private Connection connectAs(String role) throws SQLException {
        return DriverManager.getConnection(LocalInfrastructure.shared().postgres().jdbcUrl(database), role, role);
    }

    private static void append(Connection connection, String aggregate, long sequence, String payload)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Case', '2026-11-23T09:00:00Z', 'dev.leeway.kernel.cases.InteractionLogged', '1', ?,
                        '{"actorId":"alice"}')""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregate);
            insert.setLong(3, sequence);
            insert.setString(4, payload);
            insert.executeUpdate();
        }
    }
}
