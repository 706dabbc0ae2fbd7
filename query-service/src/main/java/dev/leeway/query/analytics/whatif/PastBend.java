package dev.leeway.query.analytics.whatif;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A bend as asked for, from {@code bend_fact}, with its case's satisfaction score: what a replay needs and nothing
 * more. The value is kept as stored (it may predate Leeway's bounds); {@link WhatIfReplay} decides whether it is money.
 */
record PastBend(UUID caseId,
                BigDecimal valueAmount,
                String valueCurrency,
                boolean withinBounds,
                String status,
                String authority,
                String approverRole,
                String requestedBy,
                String requesterRoles,
                Instant requestedAt,
                Integer satisfactionScore) {
}
