package dev.leeway.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.command.CommandRejectedException;
import dev.leeway.command.security.CurrentActor;
import dev.leeway.kernel.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on writes. The first answer is stored in the same database transaction as the events
 * the request appended (Axon's unit of work joins the transaction opened here), so either both exist or neither
 * does: a retry after a lost response finds the answer and appends nothing. A concurrent duplicate fails, on the
 * key's row or on the case the first one changed, which rolls its own events back; it answers with the stored first
 * answer.
 * The same key with another request is refused with IDEMPOTENCY_KEY_REUSED. Keys are per actor.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 200;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final CurrentActor currentActor;
    private final HttpServletRequest request;

    IdempotentRequests(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json,
                       CurrentActor currentActor, HttpServletRequest request) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.currentActor = currentActor;
        this.request = request;
    }

    /** Runs {@code write} once per key; {@code body} is the parsed request, part of what a key stands for. */
    public ResponseEntity<?> execute(Object body, Supplier<ResponseEntity<?>> write) {
        String key = request.getHeader(HEADER);
        if (key == null) {
            return write.get();
        }
        RequestHeaders.token(HEADER, key, MAX_KEY_LENGTH);
        String actorId = currentActor.get().id();
        String hash = fingerprint(body);
        Optional<ResponseEntity<?>> earlier = replay(actorId, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return transaction.execute(status -> {
                ResponseEntity<?> response = write.get();
                remember(actorId, key, hash, response);
                return response;
            });
        } catch (RuntimeException failed) {
            // A concurrent duplicate that committed first either holds the key (this insert failed) or moved the
            // case on under this write (it was refused, e.g. CONCURRENT_MODIFICATION): either way its answer is
            // this request's answer. Without one, the failure is the answer.
            return replay(actorId, key, hash).orElseThrow(() -> failed);
        }
    }

    private Optional<ResponseEntity<?>> replay(String actorId, String key, String hash) {
        List<ResponseEntity<?>> stored = jdbc.query("""
                        SELECT request_hash, response_status, response_body, response_location, response_etag
                        FROM event_store.idempotency_key WHERE actor_id = ? AND idempotency_key = ?""",
                (row, n) -> {
                    if (!row.getString("request_hash").equals(hash)) {
                        throw new CommandRejectedException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was used for a different request.");
                    }
                    ResponseEntity.BodyBuilder response = ResponseEntity.status(row.getInt("response_status"))
                            .header(REPLAYED_HEADER, "true");
                    if (row.getString("response_location") != null) {
                        response.header(HttpHeaders.LOCATION, row.getString("response_location"));
                    }
                    if (row.getString("response_etag") != null) {
                        response.header(HttpHeaders.ETAG, row.getString("response_etag"));
                    }
                    String storedBody = row.getString("response_body");
                    return storedBody == null ? response.build()
                            : response.contentType(MediaType.APPLICATION_JSON).body(storedBody);
                }, actorId, key);
        return stored.stream().findFirst();
    }

    private void remember(String actorId, String key, String hash, ResponseEntity<?> response) {
        jdbc.update("""
                        INSERT INTO event_store.idempotency_key (actor_id, idempotency_key, request_hash, response_status,
                                                                 response_body, response_location, response_etag)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                actorId, key, hash, response.getStatusCode().value(), write(response.getBody()),
                response.getHeaders().getFirst(HttpHeaders.LOCATION), response.getHeaders().getETag());
    }

    /** Method, path, If-Match and the parsed body: what makes two requests "the same request". */
    private String fingerprint(Object body) {
        String text = request.getMethod() + " " + request.getRequestURI() + "\n"
                + request.getHeader(HttpHeaders.IF_MATCH) + "\n" + write(body);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private String write(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body cannot be stored", e);
        }
    }
}
