package dev.leeway.command.cases.web;

import dev.leeway.command.cases.BendOutcome;
import dev.leeway.command.metrics.BendCounter;
import dev.leeway.command.messaging.CommandSender;
import dev.leeway.command.web.IdempotentRequests;
import dev.leeway.command.web.IfMatch;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The front-line API of a case. Every write answers with the case's new version as its ETag, honours If-Match,
 * and may carry an Idempotency-Key. Who acts comes from the token (see CommandSender), never from the body.
 */
@RestController
@RequestMapping(path = "/cases", produces = MediaType.APPLICATION_JSON_VALUE)
class CaseCommandController {

    private final CommandSender commands;
    private final IdempotentRequests idempotent;
    private final IdGenerator ids;
    private final BendCounter bends;

    CaseCommandController(CommandSender commands, IdempotentRequests idempotent, IdGenerator ids,
                          BendCounter bends) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.ids = ids;
        this.bends = bends;
    }

    /** Answers once the event is committed to the event store; Kafka may still be catching up. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> open(@Valid @RequestBody OpenCaseRequest request) {
        return idempotent.execute(request, () -> {
            CaseId caseId = new CaseId(request.caseId() != null ? request.caseId() : ids.generateId());
            commands.sendToCase(request.toCommand(caseId));
            return ResponseEntity.created(URI.create("/cases/" + caseId)).eTag(IfMatch.etag(0))
                    .body(new CaseChangedResponse(caseId.toString(), 0));
        });
    }

    @PostMapping(path = "/{caseId}/interactions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> logInteraction(@PathVariable UUID caseId, @Valid @RequestBody LogInteractionRequest request,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(caseId, request, () -> request.toCommand(new CaseId(caseId), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{caseId}/assignment", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> assign(@PathVariable UUID caseId, @Valid @RequestBody AssignCaseRequest request,
                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(caseId, request, () -> request.toCommand(new CaseId(caseId), IfMatch.expectedVersion(ifMatch)));
    }

    /** 201 with the bend's outcome: GRANTED under OWN_LIMIT, or PENDING with the role that must approve it. */
    @PostMapping(path = "/{caseId}/exceptions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> bend(@PathVariable UUID caseId, @Valid @RequestBody BendPolicyRequest request,
                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return idempotent.execute(request, () -> {
            ExceptionId exceptionId = new ExceptionId(ids.generateId());
            BendOutcome outcome = commands.sendToCase(
                    request.toCommand(new CaseId(caseId), IfMatch.expectedVersion(ifMatch), exceptionId));
            bends.answered(request.policyCode(), outcome);
            return ResponseEntity.created(URI.create("/cases/" + caseId + "/exceptions/" + exceptionId))
                    .eTag(IfMatch.etag(outcome.caseVersion())).body(outcome);
        });
    }

    @PostMapping(path = "/{caseId}/exceptions/{exceptionId}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> decide(@PathVariable UUID caseId, @PathVariable UUID exceptionId,
                             @Valid @RequestBody DecisionRequest request,
                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return idempotent.execute(request, () -> {
            BendOutcome outcome = commands.sendToCase(request.toCommand(new CaseId(caseId),
                    IfMatch.expectedVersion(ifMatch), new ExceptionId(exceptionId)));
            bends.decided(outcome);
            return ResponseEntity.ok().eTag(IfMatch.etag(outcome.caseVersion())).body(outcome);
        });
    }

    @PostMapping(path = "/{caseId}/exceptions/{exceptionId}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> review(@PathVariable UUID caseId, @PathVariable UUID exceptionId,
                             @Valid @RequestBody ReviewRequest request,
                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(caseId, request, () -> request.toCommand(new CaseId(caseId),
                IfMatch.expectedVersion(ifMatch), new ExceptionId(exceptionId)));
    }

    @PostMapping(path = "/{caseId}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> resolve(@PathVariable UUID caseId, @Valid @RequestBody ResolutionRequest request,
                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(caseId, request, () -> request.toCommand(new CaseId(caseId), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{caseId}/satisfaction", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> recordSatisfaction(@PathVariable UUID caseId, @Valid @RequestBody SatisfactionRequest request,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(caseId, request, () -> request.toCommand(new CaseId(caseId), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{caseId}/reopening", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> reopen(@PathVariable UUID caseId, @Valid @RequestBody ReopeningRequest request,
                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(caseId, request, () -> request.toCommand(new CaseId(caseId), IfMatch.expectedVersion(ifMatch)));
    }

    /** A write whose handler returns the case's new version: 200 with that version as body and ETag. */
    private ResponseEntity<?> change(UUID caseId, Object request, Supplier<Object> command) {
        return idempotent.execute(request, () -> {
            long version = commands.sendToCase(command.get());
            return ResponseEntity.status(HttpStatus.OK).eTag(IfMatch.etag(version))
                    .body(new CaseChangedResponse(caseId.toString(), version));
        });
    }
}
