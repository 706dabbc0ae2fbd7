package dev.leeway.command.messaging;

import dev.leeway.command.CommandRejectedException;
import dev.leeway.command.security.Actor;
import dev.leeway.command.security.CurrentActor;
import dev.leeway.command.web.RequestHeaders;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.messaging.MetadataKeys;
import dev.leeway.kernel.tracing.TraceParent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a command on behalf of the authenticated actor. The metadata that every resulting event carries (actor,
 * roles, correlation, client application) is set here from the token and the request headers, never from the
 * body; causation and the server timestamp are added by Axon as the events are made. The one exception is
 * imported history ({@link #sendToCase(Object, HistoricalOrigin)}), whose actor comes from the imported file.
 */
@Component
public class CommandSender {

    public static final String CLIENT_APP_HEADER = "X-Client-App";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final int MAX_HEADER_LENGTH = 100;

    private final CommandGateway gateway;
    private final CurrentActor currentActor;
    private final HttpServletRequest request;
    private final IdGenerator ids;
    private final ObjectProvider<Tracer> tracer;

    CommandSender(CommandGateway gateway, CurrentActor currentActor, HttpServletRequest request, IdGenerator ids,
                  ObjectProvider<Tracer> tracer) {
        this.gateway = gateway;
        this.currentActor = currentActor;
        this.request = request;
        this.ids = ids;
        this.tracer = tracer;
    }

    /** Sends a command to a case; an unknown case is CASE_NOT_FOUND. */
    public <R> R sendToCase(Object command) {
        return send(command, ErrorCode.CASE_NOT_FOUND);
    }

    /**
     * Sends a command of imported history, as its original actor at its original time. This is the one place
     * where the actor comes from a request body rather than the token: only an ADMIN may import
     * (SecurityConfiguration), and the ADMIN's own id, from the token, is recorded beside it as importedBy. The
     * time goes into metadata as occurredAt; the store's timestamp stays the time of the append.
     */
    public <R> R sendToCase(Object command, HistoricalOrigin origin) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MetadataKeys.ACTOR_ID, origin.actor().id());
        metadata.put(MetadataKeys.ACTOR_ROLES, origin.actor().rolesAsText());
        metadata.put(MetadataKeys.IMPORTED_BY, currentActor.get().id());
        metadata.put(MetadataKeys.OCCURRED_AT, origin.occurredAt().toString());
        metadata.put(MetadataKeys.SOURCE_ID, origin.sourceId());
        metadata.put(MetadataKeys.CORRELATION_ID, origin.correlationId());
        metadata.put(MetadataKeys.CLIENT_APP, header(CLIENT_APP_HEADER, "history-import"));
        return dispatch(command, metadata, ErrorCode.CASE_NOT_FOUND);
    }

    /**
     * The request's span, when it is traced (sampled): its events carry it on, so that the publisher and the
     * projections continue the same trace. An untraced request adds nothing.
     */
    private Optional<TraceParent> traceParent() {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span == null || !Boolean.TRUE.equals(span.context().sampled())) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(span.context().traceId(), span.context().spanId(), true));
    }

    /** Sends a command to a policy; an unknown policy is POLICY_NOT_FOUND. */
    public <R> R sendToPolicy(Object command) {
        return send(command, ErrorCode.POLICY_NOT_FOUND);
    }

    /** Sends a command about a customer as a whole (their data, not their cases). */
    public <R> R sendToCustomer(Object command) {
        return send(command, ErrorCode.NOT_FOUND);
    }

    /**
     * Handles {@code command} synchronously and returns the handler's result. Rule violations are rethrown as
     * they are; Axon's own refusals become Leeway's codes.
     */
    private <R> R send(Object command, ErrorCode notFound) {
        Actor actor = currentActor.get();
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MetadataKeys.ACTOR_ID, actor.id());
        metadata.put(MetadataKeys.ACTOR_ROLES, actor.rolesAsText());
        metadata.put(MetadataKeys.CORRELATION_ID, header(CORRELATION_HEADER, ids.generateId().toString()));
        metadata.put(MetadataKeys.CLIENT_APP, header(CLIENT_APP_HEADER, "unknown"));
        return dispatch(command, metadata, notFound);
    }

    private <R> R dispatch(Object command, Map<String, Object> metadata, ErrorCode notFound) {
        traceParent().ifPresent(parent -> metadata.put(MetadataKeys.TRACE_PARENT, parent.header()));
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
        } catch (AggregateNotFoundException e) {
            throw new CommandRejectedException(notFound, "Not found: " + e.getAggregateIdentifier() + ".");
        } catch (AggregateStreamCreationException e) {
            throw alreadyExists();
        } catch (ConflictingModificationException e) {
            throw conflict();
        }
    }

    /**
     * The case moved on: past the version the client sent in If-Match (412, its precondition failed) or, without
     * one, under a concurrent write to the same case (409).
     */
    private CommandRejectedException conflict() {
        String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
            return new CommandRejectedException(ErrorCode.PRECONDITION_FAILED,
                    "The case has changed since the version you sent in If-Match; nothing was stored. Reload it "
                            + "and decide again.");
        }
        return new CommandRejectedException(ErrorCode.CONCURRENT_MODIFICATION,
                "The case changed while this request ran; nothing was stored. Reload it and try again.");
    }

    private static CommandRejectedException alreadyExists() {
        return new CommandRejectedException(ErrorCode.CASE_ALREADY_EXISTS,
                "A case with this id exists already; nothing was stored.");
    }

    private String header(String name, String fallback) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String trimmed = value.strip();
        return RequestHeaders.text(name,
                trimmed.length() > MAX_HEADER_LENGTH ? trimmed.substring(0, MAX_HEADER_LENGTH) : trimmed,
                MAX_HEADER_LENGTH);
    }
}
