package dev.leeway.kernel.audit;

import dev.leeway.kernel.audit.VerificationReport.BrokenLink;
import dev.leeway.kernel.audit.VerificationReport.Reason;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Re-reads a log and checks it against what was sealed at append: each event against its hash and its
 * aggregate's chain, each checkpoint against the hashes of its range and the previous checkpoint. The same
 * logic serves the audit API (over the database) and the offline verifier (over an exported bundle).
 */
public final class ChainVerifier {

    /** One position of the global order: the event there, its hash row, or both. */
    public record Position(StoredEvent event, HashLink link) {
    }

    private record Tail(long sequence, byte[] hash) {
    }

    private ChainVerifier() {
    }

    /**
     * One pass over the log: each position's event against its hash link, and the links, as they pass, against the
     * checkpoints that sealed them.
     *
     * @param positions   every event and hash row, in global order
     * @param checkpoints every checkpoint, in order
     * @param sinceDigest hex digest an auditor kept, or null
     */
    public static VerificationReport verify(Iterator<Position> positions, List<SealedRange> checkpoints,
                                            String sinceDigest) {
        return verify(positions, checkpoints, sinceDigest, false);
    }

    /**
     * Verifies an export, which may start in the middle of history: each aggregate's first event in it, and its
     * first checkpoint, are taken as anchored to what came before; everything after must follow from them.
     */
    public static VerificationReport verifyExport(Iterator<Position> positions, List<SealedRange> checkpoints) {
        return verify(positions, checkpoints, null, true);
    }

    private static VerificationReport verify(Iterator<Position> positions, List<SealedRange> checkpoints,
                                             String sinceDigest, boolean anchored) {
        Map<String, Tail> tails = new HashMap<>();
        CheckpointChain sealing = new CheckpointChain(checkpoints, anchored);
        BrokenLink first = null;
        long checked = 0;
        while (positions.hasNext()) {
            Position position = positions.next();
            BrokenLink broken = check(position, tails, anchored);
            if (position.event() != null) {
                checked++;
            }
            if (position.link() != null) {
                sealing.add(position.link());
            }
            if (first == null && broken != null) {
                first = broken;
            }
        }
        CheckpointResult sealed = sealing.finish();
        if (sealed.broken != null && (first == null || sealed.broken.position() < first.position())) {
            first = sealed.broken;
        }
        String latest = checkpoints.isEmpty() ? null : EventHashing.hex(checkpoints.get(checkpoints.size() - 1).digest());
        Boolean extendsDigest = null;
        if (sinceDigest != null) {
            boolean known = checkpoints.stream().anyMatch(c -> EventHashing.hex(c.digest()).equalsIgnoreCase(sinceDigest));
            extendsDigest = known && first == null;
            if (!known && first == null) {
                first = new BrokenLink(0, null, null, Reason.DIGEST_NOT_FOUND,
                        "no checkpoint of this log has digest " + sinceDigest);
            }
        }
        return new VerificationReport(first == null, checked, checkpoints.size(), sealed.unsealed(), latest,
                extendsDigest, first);
    }

    private static BrokenLink check(Position position, Map<String, Tail> tails, boolean anchored) {
        StoredEvent event = position.event();
        HashLink link = position.link();
        if (event == null) {
            return new BrokenLink(link.globalIndex(), link.aggregateIdentifier(), link.sequenceNumber(),
                    Reason.EVENT_MISSING, "a hash was recorded here for event " + link.eventIdentifier() + ", which is gone");
        }
        Tail tail = tails.get(event.aggregateIdentifier());
        if (tail == null && anchored && link != null && event.sequenceNumber() > 0) {
            tail = new Tail(event.sequenceNumber() - 1, link.previousHash());
        }
        long expectedSequence = tail == null ? 0 : tail.sequence() + 1;
        byte[] expectedPrevious = tail == null ? EventHashing.genesis() : tail.hash();
        byte[] recomputed = EventHashing.eventHash(expectedPrevious, event);
        tails.put(event.aggregateIdentifier(), new Tail(event.sequenceNumber(), link != null ? link.hash() : recomputed));
        if (link == null) {
            return broken(event, Reason.EVENT_INSERTED, "no hash was recorded for this event when events were appended");
        }
        if (!link.eventIdentifier().equals(event.eventIdentifier())
                || !link.aggregateIdentifier().equals(event.aggregateIdentifier())
                || link.sequenceNumber() != event.sequenceNumber()) {
            return broken(event, Reason.REORDERED, "this position held event " + link.eventIdentifier() + " of "
                    + link.aggregateIdentifier() + " at sequence " + link.sequenceNumber());
        }
        if (event.sequenceNumber() > expectedSequence) {
            return broken(event, Reason.EVENT_MISSING, "events " + expectedSequence + " to "
                    + (event.sequenceNumber() - 1) + " of this aggregate are gone");
        }
        if (event.sequenceNumber() < expectedSequence || !Arrays.equals(link.previousHash(), expectedPrevious)) {
            return broken(event, Reason.REORDERED, "this event is not chained to the aggregate's previous event");
        }
        if (!Arrays.equals(recomputed, link.hash())) {
            return broken(event, Reason.PAYLOAD_CHANGED, "the stored event differs from what was hashed at append");
        }
        return null;
    }

    private static BrokenLink broken(StoredEvent event, Reason reason, String detail) {
        return new BrokenLink(event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber(), reason, detail);
    }

    /** The first checkpoint that does not hold, and how many hashed events come after the last checkpoint. */
    private record CheckpointResult(BrokenLink broken, long unsealed) {
    }

    /**
     * The checkpoints, checked against the hash links handed to it in global order: each checkpoint's digest is
     * computed while the links of its range pass by, so the log is read once.
     */
    private static final class CheckpointChain {
        private final Iterator<SealedRange> checkpoints;
        private SealedRange current;
        private MessageDigest digest;
        private int inRange;
        private byte[] previousDigest;
        private long previousTo;
        private BrokenLink broken;
        private long unsealed;

        CheckpointChain(List<SealedRange> checkpoints, boolean anchored) {
            this.checkpoints = checkpoints.iterator();
            previousDigest = EventHashing.genesis();
            if (anchored && !checkpoints.isEmpty()) {
                previousDigest = checkpoints.get(0).previousDigest();
                previousTo = checkpoints.get(0).fromGlobalIndex() - 1;
            }
            open();
        }

        void add(HashLink link) {
            while (current != null && link.globalIndex() > current.toGlobalIndex()) {
                close();
            }
            if (current == null) {
                unsealed++;
            } else if (link.globalIndex() >= current.fromGlobalIndex()) {
                digest.update(link.hash());
                inRange++;
            }
        }

        /** The first checkpoint that does not hold, and how many hashed events come after the last checkpoint. */
        CheckpointResult finish() {
            while (current != null) {
                close();
            }
            return new CheckpointResult(broken, unsealed);
        }

        private void open() {
            current = checkpoints.hasNext() ? checkpoints.next() : null;
            if (current != null) {
                digest = EventHashing.checkpointDigestOf(current.previousDigest(), current.fromGlobalIndex(),
                        current.toGlobalIndex(), current.eventCount());
                inRange = 0;
            }
        }

        private void close() {
            boolean chained = Arrays.equals(current.previousDigest(), previousDigest)
                    && current.fromGlobalIndex() == previousTo + 1;
            if (broken == null && (!chained || inRange != current.eventCount()
                    || !Arrays.equals(digest.digest(), current.digest()))) {
                broken = new BrokenLink(current.fromGlobalIndex(), null, null, Reason.CHECKPOINT_MISMATCH,
                        "checkpoint " + current.checkpointNo() + " (positions " + current.fromGlobalIndex()
                                + " to " + current.toGlobalIndex() + ") does not match the hashes it sealed");
            }
            previousDigest = current.digest();
            previousTo = current.toGlobalIndex();
            open();
        }
    }
}
