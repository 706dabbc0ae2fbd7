package dev.leeway.projection.rebuild;

import dev.leeway.projection.stream.BulkReplay;
import dev.leeway.projection.stream.EventDecoding;
import dev.leeway.projection.stream.EventEnvelope;
import dev.leeway.projection.stream.EventStoreReader;
import dev.leeway.projection.stream.ProjectedEvent;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.leeway.projection.stream.StreamTransactions.SHADOW_SCHEMA;

/**
 * The event store read in aggregate order through a cursor on a connection of its own (up to a global position
 * fixed when the rebuild started), and shadow tables written with COPY on the rebuild's transaction connection.
 */
final class StoreBulkReplay implements BulkReplay {

    private static final int FETCH_SIZE = 5_000;
    private static final int ROWS_PER_COPY = 5_000;

    private final DataSource dataSource;
    private final Connection writer;
    private final EventDecoding decoding;
    private final String projection;
    private final long upTo;
    private final Rebuild rebuild;
    private final Rows positions;

    StoreBulkReplay(DataSource dataSource, Connection writer, EventDecoding decoding, String projection, long upTo,
                    Rebuild rebuild) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.decoding = decoding;
        this.projection = projection;
        this.upTo = upTo;
        this.rebuild = rebuild;
        this.positions = rows("projection_position", "projection, aggregate_type, aggregate_id, last_sequence");
    }

    @Override
    public void forEachAggregate(String aggregateType, Consumer<History> aggregate) {
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            try (PreparedStatement query = reader.prepareStatement("""
                    SELECT global_index, event_identifier, payload_type, payload_revision, type, aggregate_identifier,
                           sequence_number, time_stamp, payload, meta_data
                    FROM event_store.domain_event_entry
                    WHERE type = ? AND global_index <= ?
                    ORDER BY aggregate_identifier, sequence_number""")) {
                query.setFetchSize(FETCH_SIZE);
                query.setString(1, aggregateType);
                query.setLong(2, upTo);
                try (ResultSet rows = query.executeQuery()) {
                    String current = null;
                    List<Positioned> events = new ArrayList<>();
                    while (rows.next()) {
                        EventEnvelope envelope = EventStoreReader.ENVELOPE.mapRow(rows, 0);
                        if (current != null && !current.equals(envelope.aggregateId())) {
                            handOver(current, events, aggregate);
                            events = new ArrayList<>();
                        }
                        current = envelope.aggregateId();
                        events.add(new Positioned(rows.getLong("global_index"),
                                new ProjectedEvent(envelope, decoding.decode(envelope))));
                    }
                    if (current != null) {
                        handOver(current, events, aggregate);
                    }
                }
            } finally {
                reader.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store: " + e.getMessage(), e);
        }
    }

    private void handOver(String aggregateId, List<Positioned> events, Consumer<History> aggregate) {
        aggregate.accept(new History(aggregateId, events));
        rebuild.done(rebuild.eventsDone() + events.size());
    }

    @Override
    public void position(String aggregateType, String aggregateId, long lastSequence) {
        positions.add(projection, aggregateType, aggregateId, lastSequence);
    }

    /** Flushes the positions; the projection closes its own rows. */
    void finish() {
        positions.close();
    }

    @Override
    public Rows rows(String table, String columns) {
        return new CopyRows(SHADOW_SCHEMA + "." + table, columns);
    }

    /** CSV for COPY: every value quoted (quotes doubled), NULL as an empty unquoted field. */
    private final class CopyRows implements Rows {
        private final String copy;
        private final StringBuilder csv = new StringBuilder();
        private int pending;

        CopyRows(String table, String columns) {
            this.copy = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
        }

        @Override
        public void add(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object value = values[i];
                if (value != null) {
                    csv.append('"').append(text(value).replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
            if (++pending >= ROWS_PER_COPY) {
                flush();
            }
        }

        @Override
        public void close() {
            flush();
        }

        private void flush() {
            if (pending == 0) {
                return;
            }
            try {
                CopyManager copyManager = writer.unwrap(PGConnection.class).getCopyAPI();
                copyManager.copyIn(copy, new StringReader(csv.toString()));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write the shadow table: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            csv.setLength(0);
            pending = 0;
        }

        private static String text(Object value) {
            if (value instanceof Timestamp timestamp) {
                return timestamp.toInstant().toString();
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.toPlainString();
            }
            if (value instanceof String[] array) {
                return arrayLiteral(array);
            }
            return value.toString();
        }

        /** PostgreSQL's array literal: {"a","b"}, each element quoted, quotes and backslashes escaped. */
        private static String arrayLiteral(String[] elements) {
            StringBuilder literal = new StringBuilder("{");
            for (int i = 0; i < elements.length; i++) {
                if (i > 0) {
                    literal.append(',');
                }
                literal.append('"').append(elements[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            return literal.append('}').toString();
        }
    }
}
