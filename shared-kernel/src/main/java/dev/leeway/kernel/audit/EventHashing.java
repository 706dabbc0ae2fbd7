package dev.leeway.kernel.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes Leeway's tamper evidence is computed over. The event hash is computed by the database at append
 * (event_store.chain_event, migration V3) and recomputed here by the verifier: both must produce the same bytes.
 */
public final class EventHashing {

    private static final byte[] GENESIS = new byte[32];
    private static final byte[] NULL_FIELD = "-1:;".getBytes(StandardCharsets.US_ASCII);
    /** One digest per thread, reset before each event: looking one up per event costs more than hashing it. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(EventHashing::sha256);

    private EventHashing() {
    }

    /** What the first event of an aggregate, and the first checkpoint, are chained to: 32 zero bytes. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    public static byte[] eventHash(byte[] previousHash, StoredEvent event) {
        MessageDigest sha = DIGESTS.get();
        sha.reset();
        sha.update(previousHash);
        update(sha, event.eventIdentifier());
        update(sha, event.aggregateIdentifier());
        update(sha, Long.toString(event.sequenceNumber()));
        update(sha, event.type());
        update(sha, event.payloadType());
        update(sha, event.payloadRevision());
        update(sha, event.timeStamp());
        update(sha, event.payload());
        update(sha, event.metaData());
        return sha.digest();
    }

    /** Digest of a checkpoint over the hashes of its range, in global order. */
    public static byte[] checkpointDigest(byte[] previousDigest, long from, long to, int count,
                                          Iterable<byte[]> eventHashes) {
        MessageDigest sha = checkpointDigestOf(previousDigest, from, to, count);
        for (byte[] hash : eventHashes) {
            sha.update(hash);
        }
        return sha.digest();
    }

    /** A checkpoint's digest begun: feed it the hashes of its range in global order, then {@code digest()}. */
    public static MessageDigest checkpointDigestOf(byte[] previousDigest, long from, long to, int count) {
        MessageDigest sha = sha256();
        sha.update(previousDigest);
        sha.update(field(Long.toString(from)));
        sha.update(field(Long.toString(to)));
        sha.update(field(Integer.toString(count)));
        return sha;
    }

    public static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** {@code <UTF-8 byte length>:<value>;}, or {@code -1:;} for null: no two field lists encode alike. */
    static byte[] field(String value) {
        if (value == null) {
            return NULL_FIELD.clone();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 12);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.write(';');
        return out.toByteArray();
    }

    /** Feeds {@link #field(String)}'s bytes to the digest without assembling them first. */
    private static void update(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(NULL_FIELD);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
        sha.update((byte) ';');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
