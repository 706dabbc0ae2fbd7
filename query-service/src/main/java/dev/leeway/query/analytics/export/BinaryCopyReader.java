package dev.leeway.query.analytics.export;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads PostgreSQL's binary COPY format ({@code COPY ... TO STDOUT (FORMAT binary)}) row by row and field by field,
 * out of one reused buffer: the signature and header, then per row a 16-bit field count and per field a 32-bit
 * length (-1 for null) and that many bytes in the type's binary send format, network byte order; a field count of
 * -1 ends the data.
 */
final class BinaryCopyReader {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    /** The bytes of the field last returned, skipped when the next field or row is read. */
    private int pending;
    private byte[] scratch = new byte[64];

    BinaryCopyReader(InputStream in) throws IOException {
        this.in = in;
        need(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not PostgreSQL's binary COPY format");
        }
        position = SIGNATURE.length + 4; // the flags: no OIDs are asked for
        int extension = int32();
        skip(extension);
    }

    /** The next row's number of fields, or -1 when there are no more rows. */
    int nextRow() throws IOException {
        position += pending;
        pending = 0;
        need(2);
        int fields = (short) ((buffer[position] & 0xFF) << 8 | buffer[position + 1] & 0xFF);
        position += 2;
        return fields;
    }

    /**
     * The next field's length, -1 for null; its bytes are then at {@link #buffer()} from {@link #offset()} until
     * the next call, and are consumed by it.
     */
    int nextField() throws IOException {
        position += pending;
        int length = int32();
        pending = Math.max(length, 0);
        need(pending);
        return length;
    }

    /** A buffer of at least {@code length} bytes to decode a field into, reused: valid until the next call. */
    byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        return scratch;
    }

    /** The length of the field last returned (0 for null). */
    int length() {
        return pending;
    }

    byte[] buffer() {
        return buffer;
    }

    int offset() {
        return position;
    }

    /** The 32-bit big-endian integer at {@code offset} in {@link #buffer()}. */
    int int32At(int offset) {
        return (buffer[offset] & 0xFF) << 24 | (buffer[offset + 1] & 0xFF) << 16 | (buffer[offset + 2] & 0xFF) << 8
                | buffer[offset + 3] & 0xFF;
    }

    /** The 64-bit big-endian integer at {@code offset} in {@link #buffer()}. */
    long int64At(int offset) {
        return (long) int32At(offset) << 32 | int32At(offset + 4) & 0xFFFFFFFFL;
    }

    private int int32() throws IOException {
        need(4);
        int value = int32At(position);
        position += 4;
        return value;
    }

    private void skip(int bytes) throws IOException {
        need(bytes);
        position += bytes;
    }

    /** At least {@code bytes} unread bytes in the buffer, reading more from the stream as needed. */
    private void need(int bytes) throws IOException {
        if (limit - position >= bytes) {
            return;
        }
        if (bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(bytes, buffer.length * 2));
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < bytes) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new EOFException("the COPY data ended inside a row");
            }
            limit += read;
        }
    }
}
