package dev.leeway.command.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.command.CommandRejectedException;
import dev.leeway.command.security.CurrentActor;
import dev.leeway.command.web.RequestBodyLimitFilter;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.problems.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /imports/cases} (ADMIN only): a team's history from another case system, one case per NDJSON line,
 * stored through the same commands and guardrails as the API, as if its original actors had sent them at their
 * original times. Each event's metadata holds the original actor (actorId, actorRoles: from the file, the one
 * place an actor comes from a body), the original time (occurredAt), the admin who imported it (importedBy, from
 * the token) and the source record (sourceId); the store's own timestamp stays the time of the import, so the audit
 * trail shows both.
 * <p>
 * A line is one case: checked as a whole first, then stored in one transaction, or not at all. A line imported
 * before (same sourceId) is skipped; a bad line is reported with its number and the rest goes on. The report
 * streams back as NDJSON, a line per case as it is done and a summary last.
 */
@RestController
class HistoryImportController {

    private static final Logger log = LoggerFactory.getLogger(HistoryImportController.class);

    private static final String EXAMPLE_LINE = """
            {"sourceId":"zendesk-48121","customerId":"CUST-77","channel":"PHONE","segment":"LOYAL",\
            "subject":"Parcel arrived broken","openedAt":"2023-03-02T09:14:00Z",\
            "openedBy":{"id":"alice","roles":["AGENT"]},"steps":[\
            {"type":"interaction","at":"2023-03-02T09:20:00Z","by":{"id":"alice","roles":["AGENT"]},\
            "channel":"PHONE","direction":"IN","summary":"Customer sent photos"},\
            {"type":"bend","bendRef":"b1","at":"2023-03-02T09:25:00Z","by":{"id":"alice","roles":["AGENT"]},\
            "policyCode":"RETURN-WINDOW","deviation":3,"valueGiven":{"amount":25,"currency":"EUR"},\
            "reasonCode":"GOODWILL","justification":"Courier damage"},\
            {"type":"resolution","at":"2023-03-02T09:30:00Z","by":{"id":"alice","roles":["AGENT"]},\
            "outcome":"SOLVED","summary":"Refund sent"},\
            {"type":"review","bendRef":"b1","at":"2023-03-03T08:00:00Z","by":{"id":"sam","roles":["SUPERVISOR"]},\
            "verdict":"UPHELD"},\
            {"type":"satisfaction","at":"2023-03-04T10:00:00Z","by":{"id":"alice","roles":["AGENT"]},"score":5}]}""";

    private static final String EXAMPLE_REPORT = """
            {"line":1,"sourceId":"zendesk-48121","status":"imported","caseId":"1b7e…","events":6}
            {"line":2,"sourceId":"zendesk-48121","status":"skipped","caseId":"1b7e…","detail":"This case was imported before; nothing was stored again."}
            {"line":3,"status":"rejected","code":"MALFORMED_JSON","detail":"The request body is not well-formed JSON."}
            {"line":4,"sourceId":"zendesk-48207","status":"rejected","step":"steps[2]","code":"SAME_PERSON_APPROVAL","detail":"steps[2]: A bend you asked for needs someone else's approval."}
            {"summary":{"lines":4,"imported":1,"skipped":1,"rejected":2}}""";

    private final HistoryLineReader reader;
    private final CaseHistoryImporter importer;
    private final ImportSettings settings;
    private final ObjectMapper json;
    private final CurrentActor currentActor;

    HistoryImportController(HistoryLineReader reader, CaseHistoryImporter importer, ImportSettings settings,
                            ObjectMapper json, CurrentActor currentActor) {
        this.reader = reader;
        this.importer = importer;
        this.settings = settings;
        this.json = json;
        this.currentActor = currentActor;
    }

    @Operation(summary = "Import case history from another system (ADMIN)", description = """
            One case per line (NDJSON): the case's fields as for POST /cases (without caseId), plus `sourceId` \
            (its id in the source system: the case's id in Leeway is derived from it, so a line imported again is \
            skipped), `openedAt` and `openedBy` ({"id","roles"}), and `steps` in time order. A step has `type` \
            (interaction, assignment, bend, decision, review, resolution, satisfaction, reopening), `at`, `by`, \
            the fields of the matching request, and for bends, decisions and reviews `bendRef`, the bend's id in \
            the source system. Steps go through the same guardrails as the API, under today's rulebook; a bend \
            counts against its own month's budget. A bad line, or one a guardrail refuses, stores nothing of its \
            case and is reported with its line number; the others go on. The body is read whole before anything \
            is imported (limit leeway.imports.max-body-bytes); the report streams back as NDJSON, one line per \
            case, then a summary.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_NDJSON_VALUE, schema = @Schema(type = "string"),
                    examples = @ExampleObject(name = "one case", value = EXAMPLE_LINE))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "The report: one line per case, then a summary",
                            content = @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE,
                                    schema = @Schema(implementation = LineResult.class),
                                    examples = @ExampleObject(name = "report", value = EXAMPLE_REPORT))),
                    @ApiResponse(responseCode = "400", description = "BODY_TOO_LARGE, or VALIDATION_FAILED for too"
                            + " many lines: nothing was imported", content = @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = Problem.class))),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = Problem.class))),
                    @ApiResponse(responseCode = "403", description = "FORBIDDEN: only ADMIN imports", content = @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = Problem.class)))})
    @PostMapping(path = RequestBodyLimitFilter.IMPORT_PATH, consumes = MediaType.APPLICATION_NDJSON_VALUE,
            produces = MediaType.APPLICATION_NDJSON_VALUE)
    void importCases(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String admin = currentActor.get().id();
        try (SpooledBody body = SpooledBody.of(request.getInputStream())) {
            if (body.lines() > settings.maxLines()) {
                throw new CommandRejectedException(ErrorCode.VALIDATION_FAILED, "An import holds at most "
                        + settings.maxLines() + " lines; this one has " + body.lines()
                        + ". Split the file; nothing was imported.");
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_NDJSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            log.info("History import by {} started: {} lines", admin, body.lines());
            ImportTally tally = new ImportTally();
            OutputStream out = response.getOutputStream();
            try (BoundedLines lines = body.open(settings.maxLineBytes())) {
                for (BoundedLines.Line line; (line = lines.next()) != null; ) {
                    if (line.blank()) {
                        continue;
                    }
                    LineResult result = importLine(line);
                    tally.count(result.status());
                    write(out, result);
                    if (tally.lines() % settings.progressEvery() == 0) {
                        log.info("History import by {}: line {} of {}, {}", admin, line.number(), body.lines(),
                                tally.summary());
                    }
                }
            }
            write(out, new ImportTally.SummaryLine(tally.summary()));
            log.info("History import by {} finished: {}", admin, tally.summary());
        }
    }

    private LineResult importLine(BoundedLines.Line line) {
        if (line.tooLong()) {
            return LineResult.rejected(line.number(), null, Problem.of(ErrorCode.VALIDATION_FAILED,
                    "The line is longer than " + settings.maxLineBytes() + " bytes (leeway.imports.max-line-bytes)."));
        }
        try {
            return importer.importCase(line.number(), reader.read(line.bytes()));
        } catch (RejectedLine rejected) {
            return LineResult.rejected(line.number(), reader.sourceIdOf(line.bytes()), rejected.problem());
        }
    }

    /** One report line, sent at once: the client sees progress while the import runs. */
    private void write(OutputStream out, Object reportLine) throws IOException {
        out.write(json.writeValueAsBytes(reportLine));
        out.write('\n');
        out.flush();
    }
}
