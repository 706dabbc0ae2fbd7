package dev.leeway.kernel.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON of stored events, both ways. The event store is append-only, so an event that cannot be read back
 * breaks its aggregate and every report over it for good:
 * <ul>
 *   <li>a new event is written only if it keeps the {@linkplain #requireWithinLimits limits} below, which any
 *   JSON reader with ordinary settings can read;</li>
 *   <li>a stored event is read with {@linkplain #storedEventMapper limits wide enough} for whatever an earlier
 *   version may have stored, e.g. a number written out in full (a request's {@code 1e100000} became 100,001
 *   digits), so such an event is read, and the domain decides what it can still do with the value.</li>
 * </ul>
 */
public final class EventJson {

    /** Largest payload or metadata document of one new event, in UTF-8 bytes. */
    public static final int MAX_EVENT_BYTES = 256 * 1024;
    /** Longest number in a new event, in characters: amounts and counts need a few dozen at most. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Deepest nesting of objects and arrays in a new event. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final JsonFactory WRITE_LIMITS = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_EVENT_BYTES)
                    .build())
            .build();

    private static final StreamReadConstraints STORED_LIMITS = StreamReadConstraints.builder()
            .maxNumberLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNestingDepth(10_000)
            .maxDocumentLength(-1)
            .build();

    private EventJson() {
    }

    /**
     * A mapper that reads every event ever stored: unknown properties are tolerated (a later revision may add
     * them, upcasters fill the missing ones), numbers of any length are read exactly (no double rounding, also
     * in JSON trees), and big numbers are parsed in better than quadratic time.
     */
    public static ObjectMapper storedEventMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(STORED_LIMITS)
                .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
                .build();
        return JsonMapper.builder(factory)
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
    }

    /**
     * Refuses {@code json} (the payload or metadata of a new event) unless it stays within the limits above, so
     * that what is stored can always be read.
     *
     * @throws EventLimitsExceededException naming {@code what} and the limit it breaks
     */
    public static void requireWithinLimits(String what, String json) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EVENT_BYTES) {
            throw new EventLimitsExceededException(what + " is " + bytes + " bytes, more than " + MAX_EVENT_BYTES);
        }
        try (JsonParser parser = WRITE_LIMITS.createParser(json)) {
            while (parser.nextToken() != null) {
                // Tokenising applies the number length and nesting limits.
            }
        } catch (StreamConstraintsException e) {
            throw new EventLimitsExceededException(what + " breaks a limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new EventLimitsExceededException(what + " is not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
