package dev.leeway.command.messaging;

import dev.leeway.command.security.Actor;

import java.time.Instant;
import java.util.Objects;

/**
 * Who did an imported step in the system it comes from, and when: the actor and time its events carry as metadata
 * (actorId, actorRoles, occurredAt), with the source record's id and the correlation id of its import line.
 */
public record HistoricalOrigin(Actor actor, Instant occurredAt, String sourceId, String correlationId) {

    public HistoricalOrigin {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
