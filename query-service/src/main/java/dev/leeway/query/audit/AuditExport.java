package dev.leeway.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.audit.AuditLogReader;
import dev.leeway.kernel.audit.EventHashing;
import dev.leeway.kernel.audit.SealedRange;
import dev.leeway.kernel.audit.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The export bundle: one JSON object per line. A header, then every event of the range with its stored hash
 * link, then the checkpoints sealing it. The range is widened to whole checkpoints, so that the offline verifier
 * ({@code deploy/leeway verify --bundle}) can recompute every digest in it.
 */
@Component
class AuditExport {

    private static final byte[] NEWLINE = {'\n'};

    private final AuditEventStore store;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AuditExport(AuditEventStore store, JdbcTemplate jdbc, ObjectMapper json) {
        this.store = store;
        this.jdbc = jdbc;
        this.json = json;
    }

    void write(long from, long to, OutputStream out) {
        List<SealedRange> checkpoints = jdbc.execute((Connection c) -> new AuditLogReader(c).checkpoints());
        long start = from;
        long end = to;
        for (SealedRange checkpoint : checkpoints) {
            if (checkpoint.fromGlobalIndex() <= from && from <= checkpoint.toGlobalIndex()) {
                start = checkpoint.fromGlobalIndex();
            }
            if (checkpoint.fromGlobalIndex() <= to && to <= checkpoint.toGlobalIndex()) {
                end = checkpoint.toGlobalIndex();
            }
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kind", "leeway-audit-export");
        header.put("format", 1);
        header.put("from", start);
        header.put("to", end);
        header.put("exportedAt", Instant.now().toString());
        line(out, header);
        long first = start;
        long last = end;
        store.range(start, end, row -> {
            StoredEvent event = AuditLogReader.event(row);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("kind", "event");
            line.put("event", event);
            line.put("previousHash", EventHashing.hex(row.getBytes("previous_hash")));
            line.put("hash", EventHashing.hex(row.getBytes("hash")));
            line(out, line);
        });
        for (SealedRange checkpoint : checkpoints) {
            if (checkpoint.fromGlobalIndex() >= first && checkpoint.toGlobalIndex() <= last) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("kind", "checkpoint");
                line.put("checkpointNo", checkpoint.checkpointNo());
                line.put("from", checkpoint.fromGlobalIndex());
                line.put("to", checkpoint.toGlobalIndex());
                line.put("eventCount", checkpoint.eventCount());
                line.put("previousDigest", EventHashing.hex(checkpoint.previousDigest()));
                line.put("digest", EventHashing.hex(checkpoint.digest()));
                line(out, line);
            }
        }
    }

    private void line(OutputStream out, Object value) {
        try {
            out.write(json.writeValueAsBytes(value));
            out.write(NEWLINE);
        } catch (IOException e) {
            throw new UncheckedIOException("export interrupted", e);
        }
    }
}
