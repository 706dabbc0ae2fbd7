package dev.leeway.query.analytics.export.parquet;

import io.airlift.compress.snappy.SnappyCompressor;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a Parquet file of flat, nullable columns, row by row, to a stream: the format as parquet-format
 * specifies it, for exactly what the exports need. Rows are buffered a row group at a time, each column as one
 * PLAIN-encoded data page (version 1: definition levels RLE/bit-packed, then the values) compressed with Snappy;
 * the footer follows the last row group, so the file can be written front to back in one pass.
 * <p>
 * Use: for every row, one call per column in column order ({@link #text}, {@link #int32}, … or {@link #nullValue}),
 * then {@link #endRow()}; {@link #close()} writes the footer (an empty file is valid too) and closes the stream.
 * Readers are the judge: {@code ParquetWriterTest} reads every file back with DuckDB.
 */
public final class ParquetWriter implements AutoCloseable {

    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    private static final int PLAIN = 0;
    private static final int RLE = 3;
    private static final int SNAPPY = 1;
    private static final long UNIX_EPOCH_MICROS_FROM_2000 = 946_684_800_000_000L;

    private final OutputStream out;
    private final List<ParquetColumn> columns;
    private final ParquetColumn.Kind[] kinds;
    private final ColumnBuffer[] buffers;
    private final int rowGroupRows;
    private final SnappyCompressor snappy = new SnappyCompressor();
    private final List<byte[]> rowGroups = new ArrayList<>();
    private byte[] compressed = new byte[0];
    private long position;
    private long rows;
    private int rowsInGroup;
    private int nextColumn;

    /**
     * @param rowGroupRows rows per row group: what the writer holds in memory (about that many rows' plain bytes),
     *                     and the unit a reader reads in parallel
     */
    public ParquetWriter(OutputStream out, List<ParquetColumn> columns, int rowGroupRows) throws IOException {
        if (columns.isEmpty() || rowGroupRows < 1) {
            throw new IllegalArgumentException("a Parquet file needs a column and row groups of at least a row");
        }
        this.out = out;
        this.columns = List.copyOf(columns);
        this.rowGroupRows = rowGroupRows;
        this.kinds = columns.stream().map(ParquetColumn::kind).toArray(ParquetColumn.Kind[]::new);
        this.buffers = new ColumnBuffer[columns.size()];
        Arrays.setAll(buffers, i -> new ColumnBuffer(columns.get(i).kind()));
        write(MAGIC, 0, MAGIC.length);
    }

    /** UTF-8 bytes of a text value. */
    public void text(byte[] utf8, int offset, int length) {
        ColumnBuffer column = next(ParquetColumn.Kind.TEXT);
        column.values.int32(length);
        column.values.bytes(utf8, offset, length);
    }

    public void int32(int value) {
        next(ParquetColumn.Kind.INT32).values.int32(value);
    }

    public void int64(long value) {
        next(ParquetColumn.Kind.INT64).values.int64(value);
    }

    public void bool(boolean value) {
        next(ParquetColumn.Kind.BOOLEAN).bit(value);
    }

    /** Microseconds since 1970-01-01T00:00Z. */
    public void timestampMicros(long micros) {
        next(ParquetColumn.Kind.TIMESTAMP_MICROS_UTC).values.int64(micros);
    }

    /** Microseconds since 2000-01-01T00:00Z, as PostgreSQL's binary timestamps count. */
    public void timestampMicrosSince2000(long micros) {
        timestampMicros(micros + UNIX_EPOCH_MICROS_FROM_2000);
    }

    /**
     * A value for a DECIMAL(38, 4) column.
     *
     * @throws ArithmeticException if it has more than 4 decimals that are not zero, or more than 34 integer digits
     */
    public void decimal(BigDecimal value) {
        BigDecimal scaled = value.setScale(ParquetColumn.DECIMAL_SCALE, RoundingMode.UNNECESSARY);
        if (scaled.precision() > ParquetColumn.DECIMAL_PRECISION) {
            throw new ArithmeticException(value + " does not fit DECIMAL(38, 4)");
        }
        byte[] unscaled = scaled.unscaledValue().toByteArray();
        ColumnBuffer column = next(ParquetColumn.Kind.DECIMAL_38_4);
        int sign = unscaled[0] < 0 ? 0xFF : 0;
        for (int i = unscaled.length; i < ParquetColumn.DECIMAL_BYTES; i++) {
            column.values.byte1(sign);
        }
        column.values.bytes(unscaled, 0, unscaled.length);
    }

    /** A value for a DECIMAL(38, 4) column given as its unscaled value: {@code 12345} is 1.2345. */
    public void decimalUnscaled(long unscaled) {
        Bytes values = next(ParquetColumn.Kind.DECIMAL_38_4).values;
        long sign = unscaled < 0 ? -1L : 0L;
        values.int64BigEndian(sign);
        values.int64BigEndian(unscaled);
    }

    /** No value in the next column. */
    public void nullValue() {
        if (nextColumn >= buffers.length) {
            throw new IllegalStateException("the row already has all " + buffers.length + " columns");
        }
        buffers[nextColumn++].nullValue();
    }

    /** Ends a row that has a value (or null) in every column. */
    public void endRow() throws IOException {
        if (nextColumn != buffers.length) {
            throw new IllegalStateException("row " + rows + " has " + nextColumn + " of " + buffers.length
                    + " columns");
        }
        nextColumn = 0;
        rows++;
        if (++rowsInGroup == rowGroupRows) {
            flushRowGroup();
        }
    }

    public long rows() {
        return rows;
    }

    /** Writes the last row group and the footer, and closes the stream. */
    @Override
    public void close() throws IOException {
        try {
            if (nextColumn != 0) {
                throw new IllegalStateException("the last row is not ended");
            }
            if (rowsInGroup > 0) {
                flushRowGroup();
            }
            byte[] footer = footer();
            write(footer, 0, footer.length);
            byte[] length = new byte[4];
            Bytes.putInt32(length, 0, footer.length);
            write(length, 0, 4);
            write(MAGIC, 0, MAGIC.length);
        } finally {
            out.close();
        }
    }

    private ColumnBuffer next(ParquetColumn.Kind kind) {
        if (nextColumn >= buffers.length) {
            throw new IllegalStateException("the row already has all " + buffers.length + " columns");
        }
        if (kinds[nextColumn] != kind) {
            throw new IllegalArgumentException("column " + columns.get(nextColumn).name() + " is "
                    + kinds[nextColumn] + ", not " + kind);
        }
        ColumnBuffer buffer = buffers[nextColumn++];
        buffer.defined();
        return buffer;
    }

    /** One data page per column, then the row group's entry for the footer. */
    private void flushRowGroup() throws IOException {
        ThriftCompact group = ThriftCompact.message().list(1, ThriftCompact.STRUCT, buffers.length);
        long groupStart = position;
        long uncompressedTotal = 0;
        for (int i = 0; i < buffers.length; i++) {
            ColumnBuffer column = buffers[i];
            Bytes page = column.page();
            int maxCompressed = snappy.maxCompressedLength(page.size());
            if (compressed.length < maxCompressed) {
                compressed = new byte[maxCompressed];
            }
            int compressedSize = snappy.compress(page.array(), 0, page.size(), compressed, 0, compressed.length);
            byte[] header = ThriftCompact.message()
                    .i32(1, 0) // DATA_PAGE
                    .i32(2, page.size())
                    .i32(3, compressedSize)
                    .struct(5)
                    .i32(1, rowsInGroup)
                    .i32(2, PLAIN)
                    .i32(3, RLE)
                    .i32(4, RLE)
                    .struct(5).i64(3, column.nulls).endStruct() // statistics: null_count
                    .endStruct()
                    .endStruct().toBytes();
            long pageOffset = position;
            write(header, 0, header.length);
            write(compressed, 0, compressedSize);
            uncompressedTotal += header.length + page.size();
            group.beginStruct()
                    .i64(2, pageOffset)
                    .struct(3)
                    .i32(1, columns.get(i).kind().physical.thrift)
                    .list(2, ThriftCompact.I32, 2).i32Element(PLAIN).i32Element(RLE)
                    .list(3, ThriftCompact.BINARY, 1).stringElement(columns.get(i).name())
                    .i32(4, SNAPPY)
                    .i64(5, rowsInGroup)
                    .i64(6, header.length + page.size())
                    .i64(7, header.length + compressedSize)
                    .i64(9, pageOffset)
                    .struct(12).i64(3, column.nulls).endStruct()
                    .endStruct()
                    .endStruct();
            column.clear();
        }
        rowGroups.add(group
                .i64(2, uncompressedTotal)
                .i64(3, rowsInGroup)
                .i64(5, groupStart)
                .i64(6, position - groupStart)
                .endStruct().toBytes());
        rowsInGroup = 0;
    }

    private byte[] footer() {
        ThriftCompact footer = ThriftCompact.message()
                .i32(1, 1)
                .list(2, ThriftCompact.STRUCT, columns.size() + 1);
        footer.beginStruct().string(4, "schema").i32(5, columns.size()).endStruct();
        columns.forEach(column -> column.schemaElement(footer));
        footer.i64(3, rows).list(4, ThriftCompact.STRUCT, rowGroups.size());
        rowGroups.forEach(footer::encodedElement);
        return footer.string(6, "leeway").endStruct().toBytes();
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        position += length;
    }

    /** A column's values and definition levels for the row group being filled. */
    private static final class ColumnBuffer {
        private final ParquetColumn.Kind kind;
        final Bytes values = new Bytes(1 << 12);
        private byte[] definedRows = new byte[1 << 10];
        private int rows;
        long nulls;
        private int bitByte;
        private int bits;

        ColumnBuffer(ParquetColumn.Kind kind) {
            this.kind = kind;
        }

        void defined() {
            level(1);
        }

        void nullValue() {
            level(0);
            nulls++;
        }

        private void level(int level) {
            if (rows == definedRows.length) {
                definedRows = Arrays.copyOf(definedRows, rows * 2);
            }
            definedRows[rows++] = (byte) level;
        }

        /** PLAIN booleans are bit-packed, the first value in the lowest bit. */
        void bit(boolean value) {
            if (value) {
                bitByte |= 1 << bits;
            }
            if (++bits == 8) {
                values.byte1(bitByte);
                bitByte = 0;
                bits = 0;
            }
        }

        /** The page's body: definition levels (a 4-byte length, then the RLE/bit-packed hybrid), then the values. */
        Bytes page() {
            if (kind == ParquetColumn.Kind.BOOLEAN && bits > 0) {
                values.byte1(bitByte);
                bitByte = 0;
                bits = 0;
            }
            Bytes levels = definitionLevels();
            Bytes page = new Bytes(4 + levels.size() + values.size());
            page.int32(levels.size());
            page.bytes(levels.array(), 0, levels.size());
            page.bytes(values.array(), 0, values.size());
            return page;
        }

        /**
         * Bit width 1. A column without nulls is one RLE run; otherwise bit-packed groups of 8 levels, the last
         * group padded with zeros (the page's value count says where they end).
         */
        private Bytes definitionLevels() {
            Bytes levels = new Bytes(16 + rows / 8);
            if (nulls == 0) {
                levels.varint((long) rows << 1);
                levels.byte1(1);
                return levels;
            }
            int groups = (rows + 7) / 8;
            levels.varint((long) groups << 1 | 1);
            for (int group = 0; group < groups; group++) {
                int packed = 0;
                for (int bit = 0; bit < 8; bit++) {
                    int row = group * 8 + bit;
                    if (row < rows && definedRows[row] == 1) {
                        packed |= 1 << bit;
                    }
                }
                levels.byte1(packed);
            }
            return levels;
        }

        void clear() {
            values.clear();
            rows = 0;
            nulls = 0;
        }
    }
}
