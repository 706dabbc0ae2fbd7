package dev.leeway.query.cases;

import java.time.Instant;
import java.util.UUID;

/** One case as analysts see it in a list. {@code version} is the sequence of the last event applied to it. */
public record CaseSummaryView(UUID caseId,
                              String customerId,
                              String channel,
                              String subject,
                              String description,
                              String severity,
                              String failureCause,
                              String status,
                              String assignee,
                              String outcome,
                              Integer satisfactionScore,
                              int resolutions,
                              Instant openedAt,
                              Instant resolvedAt,
                              Instant lastEventAt,
                              long version) {
}
