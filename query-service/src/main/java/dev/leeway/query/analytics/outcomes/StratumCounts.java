package dev.leeway.query.analytics.outcomes;

/** A stratum (channel × severity × segment) and how many observations each group has in it for one measure. */
public record StratumCounts(String channel, String severity, String segment, long bent, long comparable) {
}
