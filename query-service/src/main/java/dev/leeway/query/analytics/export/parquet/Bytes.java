package dev.leeway.query.analytics.export.parquet;

import java.util.Arrays;

/** A growable byte buffer that writes Parquet's little-endian numbers and ULEB128 varints. */
final class Bytes {

    private byte[] array;
    private int size;

    Bytes(int capacity) {
        array = new byte[Math.max(capacity, 16)];
    }

    void byte1(int value) {
        room(1);
        array[size++] = (byte) value;
    }

    void int32(int value) {
        room(4);
        putInt32(array, size, value);
        size += 4;
    }

    void int64(long value) {
        room(8);
        for (int i = 0; i < 8; i++) {
            array[size + i] = (byte) (value >>> (8 * i));
        }
        size += 8;
    }

    void int64BigEndian(long value) {
        room(8);
        for (int i = 0; i < 8; i++) {
            array[size + i] = (byte) (value >>> (56 - 8 * i));
        }
        size += 8;
    }

    void bytes(byte[] bytes, int offset, int length) {
        room(length);
        System.arraycopy(bytes, offset, array, size, length);
        size += length;
    }

    /** Unsigned LEB128, as the RLE/bit-packed hybrid's run headers are written. */
    void varint(long value) {
        while ((value & ~0x7FL) != 0) {
            byte1((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        byte1((int) value);
    }

    byte[] array() {
        return array;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    static void putInt32(byte[] target, int at, int value) {
        target[at] = (byte) value;
        target[at + 1] = (byte) (value >>> 8);
        target[at + 2] = (byte) (value >>> 16);
        target[at + 3] = (byte) (value >>> 24);
    }

    private void room(int more) {
        if (size + more > array.length) {
            array = Arrays.copyOf(array, Math.max(array.length * 2, size + more));
        }
    }
}
