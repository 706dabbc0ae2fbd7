package dev.leeway.kernel.audit;

/** A checkpoint: a range of the global order sealed by a digest chained to the previous checkpoint's. */
public record SealedRange(long checkpointNo,
                          long fromGlobalIndex,
                          long toGlobalIndex,
                          int eventCount,
                          byte[] previousDigest,
                          byte[] digest) {
}
