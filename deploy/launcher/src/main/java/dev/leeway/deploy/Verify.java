package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.audit.AuditLogReader;
import dev.leeway.kernel.audit.ChainVerifier;
import dev.leeway.kernel.audit.EventHashing;
import dev.leeway.kernel.audit.HashLink;
import dev.leeway.kernel.audit.SealedRange;
import dev.leeway.kernel.audit.StoredEvent;
import dev.leeway.kernel.audit.VerificationReport;
import dev.leeway.kernel.audit.VerificationReport.BrokenLink;
import dev.leeway.kernel.audit.VerificationReport.Reason;
import dev.leeway.kernel.codec.EventCodec;
import dev.leeway.kernel.codec.EventDecodingException;
import dev.leeway.kernel.codec.EventJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code deploy/leeway verify}: checks an event store, or an exported bundle, without any Leeway service, with the
 * same verifier the audit API uses. An auditor can run it on a backup.
 * <p>
 * Besides the hash chain, every event is decoded with the kernel's one codec, as the services read it: a log
 * whose chain holds but whose events this version cannot read is not intact either ({@link Reason#UNDECODABLE_EVENT}).
 */
public final class Verify {

    /** Whatever an earlier version stored is read (see {@link EventJson#storedEventMapper()}). */
    private static final ObjectMapper JSON = EventJson.storedEventMapper();
    /** How many unreadable events a report names one by one; the count covers them all. */
    static final int NAMED_UNREADABLE = 5;

    private Verify() {
    }

    /** Verifies the event store of a database; {@code sinceDigest} (hex) is a digest kept from earlier, or null. */
    public static VerificationReport database(String jdbcUrl, String user, String password, String sinceDigest)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            Readability readability = new Readability();
            return readability.addTo(new AuditLogReader(connection).verify(sinceDigest, readability::read));
        }
    }

    /** Verifies an NDJSON bundle from {@code GET /audit/export}, offline. */
    public static VerificationReport bundle(Path file) throws IOException {
        List<ChainVerifier.Position> positions = new ArrayList<>();
        List<SealedRange> checkpoints = new ArrayList<>();
        Readability readability = new Readability();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                switch (node.path("kind").asText()) {
                    case "event" -> {
                        StoredEvent event = JSON.treeToValue(node.get("event"), StoredEvent.class);
                        HashLink link = node.path("hash").isTextual() ? new HashLink(event.globalIndex(),
                                event.eventIdentifier(), event.aggregateIdentifier(), event.sequenceNumber(),
                                EventHashing.unhex(node.get("previousHash").asText()),
                                EventHashing.unhex(node.get("hash").asText())) : null;
                        positions.add(new ChainVerifier.Position(event, link));
                        readability.read(event);
                    }
                    case "checkpoint" -> checkpoints.add(new SealedRange(node.get("checkpointNo").asLong(),
                            node.get("from").asLong(), node.get("to").asLong(), node.get("eventCount").asInt(),
                            EventHashing.unhex(node.get("previousDigest").asText()),
                            EventHashing.unhex(node.get("digest").asText())));
                    default -> {
                        // The header, and kinds a later format may add.
                    }
                }
            }
        }
        positions.sort(Comparator.comparingLong(position -> position.event().globalIndex()));
        checkpoints.sort(Comparator.comparingLong(SealedRange::checkpointNo));
        return readability.addTo(ChainVerifier.verifyExport(positions.iterator(), checkpoints));
    }

    static void print(VerificationReport report, PrintStream out) {
        out.println("Leeway audit verification");
        out.printf("  events checked:      %d%n", report.eventsChecked());
        out.printf("  checkpoints checked: %d%n", report.checkpointsChecked());
        out.printf("  unsealed events:     %d%n", report.unsealedEvents());
        out.printf("  latest digest:       %s%n", report.latestDigest() == null ? "(none yet)" : report.latestDigest());
        if (report.extendsDigest() != null) {
            out.printf("  extends the digest:  %s%n", report.extendsDigest() ? "yes" : "NO");
        }
        BrokenLink broken = report.firstBrokenLink();
        if (broken == null) {
            out.println("  result:              INTACT");
        } else if (broken.reason() == Reason.UNDECODABLE_EVENT) {
            out.printf("  result:              UNREADABLE at position %d (aggregate %s, sequence %s): %s%n",
                    broken.position(), broken.aggregateId(), broken.sequence(), broken.reason());
        } else {
            out.printf("  result:              BROKEN at position %d (aggregate %s, sequence %s): %s%n",
                    broken.position(), broken.aggregateId(), broken.sequence(), broken.reason());
        }
        if (broken != null) {
            for (String line : broken.detail().split("\n")) {
                out.printf("                       %s%n", line);
            }
        }
    }

    /**
     * Decodes every event it is handed, as the services would, and keeps those this version cannot read: the
     * first one's place, a few named, all counted.
     */
    private static final class Readability {

        private final EventCodec codec = EventCodec.standard();
        private final List<String> named = new ArrayList<>();
        private StoredEvent first;
        private long unreadable;

        void read(StoredEvent event) {
            try {
                codec.decode(event.payloadType(), event.payloadRevision(), event.payload());
            } catch (EventDecodingException e) {
                unreadable++;
                if (first == null || event.globalIndex() < first.globalIndex()) {
                    first = event;
                }
                if (named.size() < NAMED_UNREADABLE) {
                    named.add("position " + event.globalIndex() + ": " + e.getMessage().replaceAll("\\s+", " "));
                }
            }
        }

        /**
         * The chain's verdict, and what could not be read. A broken chain stays the reason (the proof matters
         * most, and tampering may be why an event no longer reads); the unreadable events are added to its detail.
         */
        VerificationReport addTo(VerificationReport chain) {
            if (unreadable == 0) {
                return chain;
            }
            String summary = unreadable + (unreadable == 1 ? " event cannot" : " events cannot")
                    + " be decoded by this version of Leeway" + (unreadable > named.size() ? " (first "
                    + named.size() + " named)" : "") + ":\n" + String.join("\n", named);
            BrokenLink broken = chain.firstBrokenLink();
            BrokenLink reported = broken != null
                    ? new BrokenLink(broken.position(), broken.aggregateId(), broken.sequence(), broken.reason(),
                    broken.detail() + "\nalso, " + summary)
                    : new BrokenLink(first.globalIndex(), first.aggregateIdentifier(), first.sequenceNumber(),
                    Reason.UNDECODABLE_EVENT, "the hash chain holds, but " + summary);
            return new VerificationReport(false, chain.eventsChecked(), chain.checkpointsChecked(),
                    chain.unsealedEvents(), chain.latestDigest(), chain.extendsDigest(), reported);
        }
    }
}
