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
 */
public final class Verify {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Verify() {
    }

    /** Verifies the event store of a database; {@code sinceDigest} (hex) is a digest kept from earlier, or null. */
    public static VerificationReport database(String jdbcUrl, String user, String password, String sinceDigest)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            return new AuditLogReader(connection).verify(sinceDigest);
        }
    }

    /** Verifies an NDJSON bundle from {@code GET /audit/export}, offline. */
    public static VerificationReport bundle(Path file) throws IOException {
        List<ChainVerifier.Position> positions = new ArrayList<>();
        List<HashLink> links = new ArrayList<>();
        List<SealedRange> checkpoints = new ArrayList<>();
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
                        if (link != null) {
                            links.add(link);
                        }
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
        return ChainVerifier.verifyExport(positions.iterator(), links, checkpoints);
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
        VerificationReport.BrokenLink broken = report.firstBrokenLink();
        if (broken == null) {
            out.println("  result:              INTACT");
        } else {
            out.printf("  result:              BROKEN at position %d (aggregate %s, sequence %s): %s%n",
                    broken.position(), broken.aggregateId(), broken.sequence(), broken.reason());
            out.printf("                       %s%n", broken.detail());
        }
    }
}
