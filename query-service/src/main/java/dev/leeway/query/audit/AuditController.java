package dev.leeway.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.audit.AuditLogReader;
import dev.leeway.kernel.audit.EventHashing;
import dev.leeway.kernel.audit.SealedRange;
import dev.leeway.kernel.audit.StoredEvent;
import dev.leeway.kernel.audit.VerificationReport;
import dev.leeway.kernel.cases.CaseState;
import dev.leeway.kernel.codec.EventJson;
import dev.leeway.query.web.ApiDocumentation;
import dev.leeway.query.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.sql.Connection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** The auditors' API (AUDITOR only): history, as-of state, chain of custody, proof, export. Reads only. */
@RestController
@RequestMapping(path = "/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "Read straight from the event store, never from a read model. Every call is "
        + "recorded in the audit access log (who, roles, what, when).")
@SecurityRequirement(name = ApiDocumentation.BEARER, scopes = "AUDITOR")
class AuditController {

    private static final ObjectMapper STATE_JSON = EventJson.storedEventMapper();

    private final AuditEventStore store;
    private final EventDecoder decoder;
    private final CustodyReport custody;
    private final AuditExport export;
    private final JdbcTemplate jdbc;
    private final PersonalTextReveal personalText;
    private final ObjectMapper json;
    private final ChainWatch chain;

    AuditController(AuditEventStore store, EventDecoder decoder, CustodyReport custody, AuditExport export,
                    JdbcTemplate jdbc, PersonalTextReveal personalText, ObjectMapper json, ChainWatch chain) {
        this.store = store;
        this.decoder = decoder;
        this.custody = custody;
        this.export = export;
        this.jdbc = jdbc;
        this.personalText = personalText;
        this.json = json;
        this.chain = chain;
    }

    @GetMapping("/cases/{caseId}/events")
    @Operation(summary = "A case's full history",
            description = "Every stored event of the case in order, with who (actor, roles), when, why "
                    + "(correlation, causation, client application) and its hash in the chain. 404 CASE_NOT_FOUND.")
    List<AuditEventView> events(@PathVariable UUID caseId) {
        List<AuditEventStore.Row> rows = store.ofAggregate(caseId.toString());
        if (rows.isEmpty()) {
            throw new ApiProblem(ErrorCode.CASE_NOT_FOUND, "No events for case " + caseId + ".");
        }
        return rows.stream().map(store::view).toList();
    }

    @GetMapping("/cases/{caseId}/state")
    @Operation(summary = "A case as it stood at any moment",
            description = "The case's events up to asOf folded with the aggregate's own logic. 404 CASE_NOT_FOUND "
                    + "when the case did not exist yet; 422 UNREADABLE_EVENT when one of its stored events cannot "
                    + "be decoded.")
    CaseStateView state(@PathVariable UUID caseId,
                        @Parameter(description = "A sequence number (the state after that event) or an ISO-8601 "
                                + "instant; the latest state without it")
                        @RequestParam(required = false) String asOf) {
        Long sequence = null;
        Instant instant = null;
        if (asOf != null && asOf.matches("\\d{1,18}")) {
            sequence = Long.parseLong(asOf);
        } else if (asOf != null && asOf.matches("\\d+")) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, "asOf is beyond any sequence number.");
        } else if (asOf != null) {
            try {
                instant = Instant.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new ApiProblem(ErrorCode.VALIDATION_FAILED, "asOf must be a sequence number or an ISO-8601 instant.");
            }
        }
        CaseState state = CaseState.NONE;
        String lastTimestamp = null;
        for (StoredEvent stored : store.ofAggregateUpTo(caseId.toString(), sequence)) {
            if (instant != null && Instant.parse(stored.timeStamp()).isAfter(instant)) {
                break;
            }
            state = state.evolve(decoder.decode(stored), store.actorId(stored));
            lastTimestamp = stored.timeStamp();
        }
        if (!state.exists()) {
            throw new ApiProblem(ErrorCode.CASE_NOT_FOUND, "Case " + caseId + " did not exist at " + asOf + ".");
        }
        return new CaseStateView(state.version(), lastTimestamp, personalText.reveal(tree(state)));
    }

    @GetMapping("/exceptions")
    @Operation(summary = "Chain of custody of bends",
            description = "Every bend first asked for in [from, to) (ISO-8601 instants), optionally of one "
                    + "policy or involving one person: who asked, who approved or declined, who reviewed, under "
                    + "which policy version, and the rule changes that cite it. 422 UNREADABLE_EVENT when a stored "
                    + "event cannot be decoded.")
    List<BendCustodyView> exceptions(@RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String policy,
                                     @RequestParam(required = false) String actor) {
        return custody.bends(instant("from", from), instant("to", to), policy, actor);
    }

    @GetMapping("/digest")
    @Operation(summary = "The latest checkpoint's digest",
            description = "The hash sealing the event store up to the latest checkpoint, to keep outside Leeway "
                    + "and compare later; 204 before the first checkpoint.")
    ResponseEntity<DigestView> digest() {
        List<SealedRange> checkpoints = jdbc.execute((Connection c) -> new AuditLogReader(c).checkpoints());
        if (checkpoints == null || checkpoints.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        SealedRange latest = checkpoints.get(checkpoints.size() - 1);
        return ResponseEntity.ok(new DigestView(latest.checkpointNo(), latest.toGlobalIndex(), latest.eventCount(),
                EventHashing.hex(latest.digest())));
    }

    @GetMapping("/verification")
    @Operation(summary = "Proof that the log is intact",
            description = "Recomputes the hash chain and every checkpoint; with since (a digest kept earlier), also "
                    + "whether the log still holds the checkpoint with that digest.")
    VerificationReport verification(@RequestParam(required = false) String since) {
        if (since != null && !since.matches("[0-9a-fA-F]{64}")) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, "since must be a 64-character hex digest.");
        }
        return chain.verify(since);
    }

    @GetMapping(path = "/export", produces = "application/x-ndjson")
    @Operation(summary = "Export for offline verification",
            description = "NDJSON: a header, then every event of the whole checkpoints covering global positions "
                    + "[from, to] with its hash, then those checkpoints.")
    @ApiResponse(responseCode = "200", description = "One JSON object per line",
            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")))
    ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "1") long from,
                                                 @RequestParam(defaultValue = "" + Long.MAX_VALUE) long to) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(out -> export.write(from, to, out));
    }

    /**
     * The state as a JSON tree, amounts kept exact (valueToTree would turn 80.00 into the double 80.0) and read
     * back without length limits: the state may hold a number an earlier version stored written out in full.
     */
    private JsonNode tree(Object value) {
        try {
            return STATE_JSON.readTree(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state cannot be written", e);
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, name + " must be an ISO-8601 instant.");
        }
    }

    record CaseStateView(long asOfSequence, String asOfTimestamp, JsonNode state) {
    }

    record DigestView(long checkpointNo, long sealedUpToPosition, int eventCount, String digest) {
    }
}
