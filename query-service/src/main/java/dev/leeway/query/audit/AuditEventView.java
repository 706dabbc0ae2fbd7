package dev.leeway.query.audit;

import com.fasterxml.jackson.databind.JsonNode;

/** One stored event as an auditor reads it: content, who and why from its metadata, and where it sits. */
public record AuditEventView(long globalPosition,
                             long sequence,
                             String eventId,
                             String type,
                             String revision,
                             String timestamp,
                             String actorId,
                             String actorRoles,
                             String correlationId,
                             String causationId,
                             String clientApp,
                             JsonNode payload,
                             String hash) {
}
