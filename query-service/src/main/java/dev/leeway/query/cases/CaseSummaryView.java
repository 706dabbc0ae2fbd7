package dev.leeway.query.cases;

import java.time.Instant;
import java.util.UUID;

/** One case as analysts see it. {@code version} is the sequence of the last event applied to it. */
public record CaseSummaryView(UUID caseId,
                              String customerId,
                              String channel,
                              String subject,
                              String description,
                              String status,
                              Instant openedAt,
                              Instant lastEventAt,
                              long version) {
}
