package dev.leeway.command.imports;

import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Ids of imported cases and bends, derived from the source's ids (name-based UUIDs, version 5, RFC 9562): the same
 * line always gets the same case, so importing it again finds the case stored and skips it instead of doubling it.
 * The names are separated by NUL, which no imported text may contain, so no two pairs of ids make the same name.
 */
final class ImportIds {

    /** Leeway's namespace for the ids of imported history; changing it would make every import a new one. */
    private static final UUID NAMESPACE = UUID.fromString("6c0a3e5e-2f3b-5d7e-9a41-1ea5e0ba7c01");

    private ImportIds() {
    }

    static CaseId caseId(String sourceId) {
        return new CaseId(nameBased("case\0" + sourceId));
    }

    static ExceptionId exceptionId(String sourceId, String bendRef) {
        return new ExceptionId(nameBased("bend\0" + sourceId + "\0" + bendRef));
    }

    private static UUID nameBased(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                    .putLong(NAMESPACE.getLeastSignificantBits()).array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bits.getLong(), bits.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }
}
