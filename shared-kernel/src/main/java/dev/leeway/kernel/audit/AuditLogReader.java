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

    private static final int FETCH_SIZE = 5_000;

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
        try (PreparedStatement events = stream("""
                     SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, payload_type,
                            payload_revision, time_stamp, payload, meta_data
                     FROM event_store.domain_event_entry ORDER BY global_index""");
             PreparedStatement links = stream("SELECT * FROM event_store.event_hash ORDER BY global_index");
             ResultSet eventRows = events.executeQuery();
             ResultSet linkRows = links.executeQuery()) {
            List<SealedRange> checkpoints = checkpoints();
            Iterator<ChainVerifier.Position> rows = new Positions(new Rows<>(eventRows, AuditLogReader::event),
                    new Rows<>(linkRows, AuditLogReader::link), eachEvent);
            VerificationReport report = ChainVerifier.verify(rows, checkpoints, sinceDigest);
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

    private static HashLink link(ResultSet row) throws SQLException {
        return new HashLink(row.getLong("global_index"), row.getString("event_identifier"),
                row.getString("aggregate_identifier"), row.getLong("sequence_number"), row.getBytes("previous_hash"),
                row.getBytes("hash"));
    }

    /**
     * Events and their hash links side by side by global position, both read in index order and merged here: an
     * event without a link, or a link without its event, comes as a position with the other half missing. (A
     * FULL OUTER JOIN in SQL would have PostgreSQL sort the whole log first.)
     */
    private static final class Positions implements Iterator<ChainVerifier.Position> {
        private final PeekingIterator<StoredEvent> events;
        private final PeekingIterator<HashLink> links;
        private final Consumer<StoredEvent> eachEvent;

        Positions(Iterator<StoredEvent> events, Iterator<HashLink> links, Consumer<StoredEvent> eachEvent) {
            this.events = new PeekingIterator<>(events);
            this.links = new PeekingIterator<>(links);
            this.eachEvent = eachEvent;
        }

        @Override
        public boolean hasNext() {
            return events.peek() != null || links.peek() != null;
        }

        @Override
        public ChainVerifier.Position next() {
            StoredEvent event = events.peek();
            HashLink link = links.peek();
            if (event == null && link == null) {
                throw new NoSuchElementException();
            }
            if (link == null || (event != null && event.globalIndex() < link.globalIndex())) {
                link = null;
            } else if (event == null || link.globalIndex() < event.globalIndex()) {
                event = null;
            }
            if (event != null) {
                events.next();
                eachEvent.accept(event);
            }
            if (link != null) {
                links.next();
            }
            return new ChainVerifier.Position(event, link);
        }
    }

    private static final class PeekingIterator<T> {
        private final Iterator<T> source;
        private T ahead;

        PeekingIterator(Iterator<T> source) {
            this.source = source;
        }

        T peek() {
            if (ahead == null && source.hasNext()) {
                ahead = source.next();
            }
            return ahead;
        }

        void next() {
            ahead = null;
        }
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
