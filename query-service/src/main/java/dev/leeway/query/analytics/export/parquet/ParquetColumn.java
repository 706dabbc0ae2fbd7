package dev.leeway.query.analytics.export.parquet;

/**
 * A flat, nullable column of a Parquet file: its name and its type, physical (how the bytes are laid out) and
 * logical (what they mean to a reader). Only the types Leeway's exports need.
 */
public record ParquetColumn(String name, Kind kind) {

    /** The column types {@link ParquetWriter} writes. */
    public enum Kind {
        /** UTF-8 text: BYTE_ARRAY, logical type STRING. */
        TEXT(Physical.BYTE_ARRAY),
        /** 32-bit signed integer: INT32. */
        INT32(Physical.INT32),
        /** 64-bit signed integer: INT64. */
        INT64(Physical.INT64),
        BOOLEAN(Physical.BOOLEAN),
        /** An instant: INT64 microseconds since 1970-01-01T00:00Z, logical type TIMESTAMP(isAdjustedToUTC, MICROS). */
        TIMESTAMP_MICROS_UTC(Physical.INT64),
        /**
         * DECIMAL(38, 4): FIXED_LEN_BYTE_ARRAY(16), the unscaled value big-endian in two's complement. 38 digits is
         * what 16 bytes hold whole; 4 decimals is what Leeway's amounts and deviations may have.
         */
        DECIMAL_38_4(Physical.FIXED_LEN_BYTE_ARRAY);

        final Physical physical;

        Kind(Physical physical) {
            this.physical = physical;
        }
    }

    /** parquet.thrift's {@code Type}, with its numbers. */
    enum Physical {
        BOOLEAN(0), INT32(1), INT64(2), BYTE_ARRAY(6), FIXED_LEN_BYTE_ARRAY(7);

        final int thrift;

        Physical(int thrift) {
            this.thrift = thrift;
        }
    }

    static final int DECIMAL_BYTES = 16;
    static final int DECIMAL_PRECISION = 38;
    static final int DECIMAL_SCALE = 4;

    public static ParquetColumn text(String name) {
        return new ParquetColumn(name, Kind.TEXT);
    }

    public static ParquetColumn int32(String name) {
        return new ParquetColumn(name, Kind.INT32);
    }

    public static ParquetColumn int64(String name) {
        return new ParquetColumn(name, Kind.INT64);
    }

    public static ParquetColumn bool(String name) {
        return new ParquetColumn(name, Kind.BOOLEAN);
    }

    public static ParquetColumn timestamp(String name) {
        return new ParquetColumn(name, Kind.TIMESTAMP_MICROS_UTC);
    }

    public static ParquetColumn decimal(String name) {
        return new ParquetColumn(name, Kind.DECIMAL_38_4);
    }

    /** The column's {@code SchemaElement} in the file's footer. */
    void schemaElement(ThriftCompact thrift) {
        thrift.beginStruct()
                .i32(1, kind.physical.thrift);
        if (kind == Kind.DECIMAL_38_4) {
            thrift.i32(2, DECIMAL_BYTES);
        }
        thrift.i32(3, 1) // OPTIONAL
                .string(4, name);
        switch (kind) {
            case TEXT -> thrift.i32(6, 0) // converted type UTF8
                    .struct(10).struct(1).endStruct().endStruct(); // logical type STRING
            case TIMESTAMP_MICROS_UTC -> thrift.i32(6, 10) // converted type TIMESTAMP_MICROS
                    .struct(10).struct(8).bool(1, true).struct(2).struct(2).endStruct().endStruct().endStruct()
                    .endStruct(); // logical type TIMESTAMP(isAdjustedToUTC = true, unit = MICROS)
            case DECIMAL_38_4 -> thrift.i32(6, 5) // converted type DECIMAL
                    .i32(7, DECIMAL_SCALE).i32(8, DECIMAL_PRECISION)
                    .struct(10).struct(5).i32(1, DECIMAL_SCALE).i32(2, DECIMAL_PRECISION).endStruct().endStruct();
            default -> {
            }
        }
        thrift.endStruct();
    }
}
