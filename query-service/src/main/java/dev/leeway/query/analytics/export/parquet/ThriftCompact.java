package dev.leeway.query.analytics.export.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Just enough of Thrift's compact protocol to write Parquet's page headers and footer (parquet-format's
 * {@code parquet.thrift}): structs of i32, i64, binary, bool, list and struct fields, written in field-id order.
 * Integers are zigzag varints; a field header carries the id's distance from the previous field's in its high
 * nibble (a long form when more than 15).
 */
final class ThriftCompact {

    static final byte BOOLEAN_TRUE = 1;
    static final byte BOOLEAN_FALSE = 2;
    static final byte I32 = 5;
    static final byte I64 = 6;
    static final byte BINARY = 8;
    static final byte LIST = 9;
    static final byte STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    /** The last field id of each open struct, innermost first. */
    private final Deque<Short> lastFieldIds = new ArrayDeque<>();
    private short lastFieldId;

    ThriftCompact i32(int fieldId, int value) {
        fieldHeader(fieldId, I32);
        varint(zigzag(value));
        return this;
    }

    ThriftCompact i64(int fieldId, long value) {
        fieldHeader(fieldId, I64);
        varint(zigzag(value));
        return this;
    }

    ThriftCompact bool(int fieldId, boolean value) {
        fieldHeader(fieldId, value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
        return this;
    }

    ThriftCompact string(int fieldId, String value) {
        fieldHeader(fieldId, BINARY);
        binary(value);
        return this;
    }

    /** Opens a struct-typed field; its fields follow, then {@link #endStruct()}. */
    ThriftCompact struct(int fieldId) {
        fieldHeader(fieldId, STRUCT);
        return beginStruct();
    }

    /** Opens a struct as an element of a list. */
    ThriftCompact beginStruct() {
        lastFieldIds.push(lastFieldId);
        lastFieldId = 0;
        return this;
    }

    ThriftCompact endStruct() {
        out.write(0);
        lastFieldId = lastFieldIds.pop();
        return this;
    }

    /** Opens a list-typed field of {@code size} elements of {@code elementType}; the elements follow. */
    ThriftCompact list(int fieldId, byte elementType, int size) {
        fieldHeader(fieldId, LIST);
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
        return this;
    }

    /** An i32 element of a list. */
    ThriftCompact i32Element(int value) {
        varint(zigzag(value));
        return this;
    }

    /** A string element of a list. */
    ThriftCompact stringElement(String value) {
        binary(value);
        return this;
    }

    /** A list element that is a struct encoded on its own (by another {@link #message()}). */
    ThriftCompact encodedElement(byte[] struct) {
        out.write(struct, 0, struct.length);
        return this;
    }

    /** The bytes of a complete top-level struct: call once its own {@link #endStruct()} has been written. */
    byte[] toBytes() {
        if (!lastFieldIds.isEmpty()) {
            throw new IllegalStateException("a struct is still open");
        }
        return out.toByteArray();
    }

    /** Starts the top-level struct. */
    static ThriftCompact message() {
        return new ThriftCompact().beginStruct();
    }

    private void fieldHeader(int fieldId, byte type) {
        int delta = fieldId - lastFieldId;
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(fieldId));
        }
        lastFieldId = (short) fieldId;
    }

    private void binary(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        varint(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private void varint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }
}
