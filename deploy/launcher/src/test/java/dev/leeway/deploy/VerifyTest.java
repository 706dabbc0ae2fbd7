package dev.leeway.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.audit.EventHashing;
import dev.leeway.kernel.audit.StoredEvent;
import dev.leeway.kernel.audit.VerificationReport;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.codec.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/leeway verify --bundle} offline: the hash chain, and every event decoded with the kernel's one
 * codec. An event this version cannot read makes the log not intact (exit 1) with its own reason.
 */
class VerifyTest {

    private static final ObjectMapper JSON = EventJson.storedEventMapper();
    private static final String CASE = "5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11";
    private static final String OPENED_REVISION_1 = """
            {"caseId":"%s","customerId":"CUST-1042","channel":"PHONE","subject":"Late delivery","description":null}"""
            .formatted(CASE);
    private static final String RESOLVED = """
            {"caseId":"%s","outcome":"SOLVED","summary":{"plain":"Refunded"}}""".formatted(CASE);

    @TempDir
    Path home;

    @Test
    void aBundleWhoseEventsAllReadIsIntact() throws IOException {
        VerificationReport report = Verify.bundle(bundle(List.of(
                event(1, CASE, 0, CaseOpened.class.getName(), "1", OPENED_REVISION_1),
                event(2, CASE, 1, CaseResolved.class.getName(), "2", RESOLVED))));

        assertThat(report.intact()).as(String.valueOf(report.firstBrokenLink())).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(2);
        assertThat(print(report)).contains("result:              INTACT");
    }

    @Test
    void eventsThisVersionCannotDecodeMakeAnIntactChainUnreadableAndAreNamed() throws IOException {
        VerificationReport report = Verify.bundle(bundle(List.of(
                event(1, CASE, 0, CaseOpened.class.getName(), "1", OPENED_REVISION_1),
                event(2, CASE, 1, "dev.leeway.kernel.cases.CaseEscalated", "1", "{\"caseId\":\"%s\"}".formatted(CASE)),
                event(3, CASE, 2, CaseResolved.class.getName(), "7", RESOLVED),
                event(4, CASE, 3, CaseResolved.class.getName(), "2", "{\"caseId\":\"Zoe Smith\"}"))));

        assertThat(report.intact()).isFalse();
        VerificationReport.BrokenLink unreadable = report.firstBrokenLink();
        assertThat(unreadable.reason()).isEqualTo(VerificationReport.Reason.UNDECODABLE_EVENT);
        assertThat(unreadable.position()).isEqualTo(2);
        assertThat(unreadable.aggregateId()).isEqualTo(CASE);
        assertThat(unreadable.sequence()).isEqualTo(1);
        assertThat(unreadable.detail()).startsWith("the hash chain holds, but 3 events cannot be decoded")
                .contains("position 2: unknown event 'dev.leeway.kernel.cases.CaseEscalated' revision '1'")
                .contains("position 3: unknown event '" + CaseResolved.class.getName() + "' revision '7'")
                .contains("position 4: cannot decode '" + CaseResolved.class.getName() + "' revision '2'")
                .doesNotContain("Zoe Smith");
        assertThat(print(report)).contains("result:              UNREADABLE at position 2 (aggregate " + CASE
                + ", sequence 1): UNDECODABLE_EVENT").contains("                       position 3: unknown event");
    }

    @Test
    void aBrokenChainStaysTheReasonAndUnreadableEventsAreAddedToIt() throws IOException {
        List<StoredEvent> events = new ArrayList<>(List.of(
                event(1, CASE, 0, CaseOpened.class.getName(), "1", OPENED_REVISION_1),
                event(2, CASE, 1, "dev.leeway.kernel.cases.CaseEscalated", "1", "{}")));
        Path bundle = bundle(events);
        Files.writeString(bundle, Files.readString(bundle).replace("CUST-1042", "CUST-1043"));

        VerificationReport report = Verify.bundle(bundle);

        assertThat(report.intact()).isFalse();
        assertThat(report.firstBrokenLink().reason()).isEqualTo(VerificationReport.Reason.PAYLOAD_CHANGED);
        assertThat(report.firstBrokenLink().detail()).contains("also, 1 event cannot be decoded")
                .contains("position 2: unknown event");
    }

    @Test
    void onlyTheFirstFewUnreadableEventsAreNamedButAllAreCounted() throws IOException {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < Verify.NAMED_UNREADABLE + 3; i++) {
            events.add(event(i + 1, CASE, i, "dev.leeway.kernel.cases.CaseEscalated", "1", "{}"));
        }

        VerificationReport report = Verify.bundle(bundle(events));

        assertThat(report.firstBrokenLink().detail()).contains((Verify.NAMED_UNREADABLE + 3) + " events cannot")
                .contains("(first " + Verify.NAMED_UNREADABLE + " named)");
        assertThat(report.firstBrokenLink().detail().lines().filter(line -> line.startsWith("position ")))
                .hasSize(Verify.NAMED_UNREADABLE);
    }

    private static StoredEvent event(long position, String aggregate, long sequence, String type, String revision,
                                     String payload) {
        return new StoredEvent(position, "event-" + position, aggregate, sequence, "Case", type, revision,
                "2026-01-05T10:00:0" + (position % 10) + "Z", payload, "{\"actorId\":\"alice\"}");
    }

    /** An export as query-service writes it: a header, each event with its hash link, and one checkpoint. */
    private Path bundle(List<StoredEvent> events) throws IOException {
        StringBuilder lines = new StringBuilder("{\"kind\":\"leeway-audit-export\",\"format\":1}\n");
        Map<String, byte[]> tails = new HashMap<>();
        List<byte[]> hashes = new ArrayList<>();
        for (StoredEvent event : events) {
            byte[] previous = tails.getOrDefault(event.aggregateIdentifier(), EventHashing.genesis());
            byte[] hash = EventHashing.eventHash(previous, event);
            tails.put(event.aggregateIdentifier(), hash);
            hashes.add(hash);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("kind", "event");
            line.put("event", event);
            line.put("previousHash", EventHashing.hex(previous));
            line.put("hash", EventHashing.hex(hash));
            lines.append(JSON.writeValueAsString(line)).append('\n');
        }
        long last = events.get(events.size() - 1).globalIndex();
        byte[] digest = EventHashing.checkpointDigest(EventHashing.genesis(), 1, last, events.size(), hashes);
        lines.append(JSON.writeValueAsString(Map.of("kind", "checkpoint", "checkpointNo", 1, "from", 1, "to", last,
                "eventCount", events.size(), "previousDigest", EventHashing.hex(EventHashing.genesis()),
                "digest", EventHashing.hex(digest)))).append('\n');
        Path file = home.resolve("export.ndjson");
        Files.writeString(file, lines);
        return file;
    }

    private static String print(VerificationReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Verify.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
