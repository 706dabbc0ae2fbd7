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

    private EventHashing() {
    }

    /** What the first event of an aggregate, and the first checkpoint, are chained to: 32 zero bytes. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    public static byte[] eventHash(byte[] previousHash, StoredEvent event) {
        MessageDigest sha = sha256();
        sha.update(previousHash);
        sha.update(field(event.eventIdentifier()));
        sha.update(field(event.aggregateIdentifier()));
        sha.update(field(Long.toString(event.sequenceNumber())));
        sha.update(field(event.type()));
        sha.update(field(event.payloadType()));
        sha.update(field(event.payloadRevision()));
        sha.update(field(event.timeStamp()));
        sha.update(field(event.payload()));
        sha.update(field(event.metaData()));
        return sha.digest();
    }

    /** Digest of a checkpoint over the hashes of its range, in global order. */
    public static byte[] checkpointDigest(byte[] previousDigest, long from, long to, int count,
                                          Iterable<byte[]> eventHashes) {
        MessageDigest sha = sha256();
        sha.update(previousDigest);
        sha.update(field(Long.toString(from)));
        sha.update(field(Long.toString(to)));
        sha.update(field(Integer.toString(count)));
        for (byte[] hash : eventHashes) {
            sha.update(hash);
        }
        return sha.digest();
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
            return "-1:;".getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 12);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.write(';');
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
