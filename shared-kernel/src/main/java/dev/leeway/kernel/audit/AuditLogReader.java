package dev.leeway.kernel.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Reads the event store, its hash chain and its checkpoints with plain JDBC, so that verification runs inside
 * the audit API and, without any service, against a database or a backup ({@code deploy/leeway verify}).
 * Reads happen in one read-only, repeatable-read transaction: one consistent snapshot, streamed.
 */
public final class AuditLogReader {

    private static final int FETCH_SIZE = 1_000;

    private final Connection connection;

    public AuditLogReader(Connection connection) {
        this.connection = connection;
    }

    public VerificationReport verify(String sinceDigest) throws SQLException {
        return verify(sinceDigest, event -> {
        });
    }

    /**
     * As {@link #verify(String)}, handing {@code eachEvent} every stored event of the same snapshot as it is
     * checked, so that a caller can also read them (the offline verifier decodes each) in one pass.
     */
    public VerificationReport verify(String sinceDigest, Consumer<StoredEvent> eachEvent) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (PreparedStatement positions = stream("""
                     SELECT e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,
                            e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data,
                            h.global_index AS h_index, h.event_identifier AS h_event, h.aggregate_identifier AS h_aggregate,
                            h.sequence_number AS h_sequence, h.previous_hash, h.hash
                     FROM event_store.domain_event_entry e
                     FULL OUTER JOIN event_store.event_hash h ON h.global_index = e.global_index
                     ORDER BY coalesce(e.global_index, h.global_index)""");
             ResultSet positionRows = positions.executeQuery()) {
            List<SealedRange> checkpoints = checkpoints();
            Iterable<HashLink> hashes = this::hashesInOrder;
            Rows<ChainVerifier.Position> rows = new Rows<>(positionRows, row -> {
                ChainVerifier.Position position = position(row);
                if (position.event() != null) {
                    eachEvent.accept(position.event());
                }
                return position;
            });
            VerificationReport report = ChainVerifier.verify(rows, hashes, checkpoints, sinceDigest);
            connection.commit();
            return report;
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    public List<SealedRange> checkpoints() throws SQLException {
        List<SealedRange> checkpoints = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM event_store.checkpoint ORDER BY checkpoint_no");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                checkpoints.add(checkpoint(rows));
            }
        }
        return checkpoints;
    }

    public static SealedRange checkpoint(ResultSet row) throws SQLException {
        return new SealedRange(row.getLong("checkpoint_no"), row.getLong("from_global_index"),
                row.getLong("to_global_index"), row.getInt("event_count"), row.getBytes("previous_digest"),
                row.getBytes("digest"));
    }

    public static StoredEvent event(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("global_index"), row.getString("event_identifier"),
                row.getString("aggregate_identifier"), row.getLong("sequence_number"), row.getString("type"),
                row.getString("payload_type"), row.getString("payload_revision"), row.getString("time_stamp"),
                row.getString("payload"), row.getString("meta_data"));
    }

    private Iterator<HashLink> hashesInOrder() {
        try {
            PreparedStatement statement = stream("SELECT * FROM event_store.event_hash ORDER BY global_index");
            return new Rows<>(statement.executeQuery(), row -> new HashLink(row.getLong("global_index"),
                    row.getString("event_identifier"), row.getString("aggregate_identifier"),
                    row.getLong("sequence_number"), row.getBytes("previous_hash"), row.getBytes("hash")));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the hash chain", e);
        }
    }

    private static ChainVerifier.Position position(ResultSet row) throws SQLException {
        StoredEvent event = row.getObject("global_index") == null ? null : event(row);
        HashLink link = row.getObject("h_index") == null ? null : new HashLink(row.getLong("h_index"),
                row.getString("h_event"), row.getString("h_aggregate"), row.getLong("h_sequence"),
                row.getBytes("previous_hash"), row.getBytes("hash"));
        return new ChainVerifier.Position(event, link);
    }

    private PreparedStatement stream(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }

    /** A result set as an iterator; closes it when exhausted. */
    private static final class Rows<T> implements Iterator<T> {
        interface Mapper<T> {
            T map(ResultSet row) throws SQLException;
        }

        private final ResultSet rows;
        private final Mapper<T> mapper;
        private Boolean ahead;

        Rows(ResultSet rows, Mapper<T> mapper) {
            this.rows = rows;
            this.mapper = mapper;
        }

        @Override
        public boolean hasNext() {
            try {
                if (ahead == null) {
                    ahead = rows.next();
                    if (!ahead) {
                        rows.getStatement().close();
                    }
                }
                return ahead;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the event store", e);
            }
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ahead = null;
            try {
                return mapper.map(rows);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the event store", e);
            }
        }
    }
}
