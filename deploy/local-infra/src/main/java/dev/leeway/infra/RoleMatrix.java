package dev.leeway.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Every operation a service's OpenAPI document names, tried with every role's token and with none: which of them
 * the service lets through and which it refuses. A refusal is 401 or 403; anything else (a 400 for the
 * empty body it is sent, a 404 for the random ids in its path, a 200) got past the security checks. Bodies are
 * {@code {}}, so nothing an allowed request does gets further than validation, except operations without a body.
 */
public final class RoleMatrix {

    /** Who is asked: each role alone, and nobody (no token). */
    public static final String NO_TOKEN = "(no token)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI service;
    private final LocalTokens tokens;

    public RoleMatrix(URI service, LocalTokens tokens) {
        this.service = service;
        this.tokens = tokens;
    }

    /** {@code "POST /cases/{caseId}/interactions"} for every operation of the service's {@code /v3/api-docs}. */
    public Set<String> operations() throws IOException, InterruptedException {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(service.resolve("/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (docs.statusCode() != 200) {
            throw new IllegalStateException("GET /v3/api-docs answered " + docs.statusCode());
        }
        Set<String> operations = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = JSON.readTree(docs.body()).path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    /**
     * For each operation, who got past the security checks among {@code roles} and {@link #NO_TOKEN}, each asked
     * with a token for a person of that one role.
     */
    public Map<String, Set<String>> allowed(Set<String> operations, List<String> roles)
            throws IOException, InterruptedException {
        List<String> callers = new ArrayList<>(roles);
        callers.add(NO_TOKEN);
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (String operation : operations) {
            Set<String> through = new TreeSet<>();
            for (String caller : callers) {
                if (!refused(send(operation, caller))) {
                    through.add(caller);
                }
            }
            allowed.put(operation, through);
        }
        return allowed;
    }

    private HttpResponse<String> send(String operation, String caller) throws IOException, InterruptedException {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}",
                UUID.randomUUID().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(30));
        if (!caller.equals(NO_TOKEN)) {
            request.header("Authorization", "Bearer " + tokens.mint("matrix-" + caller.toLowerCase(),
                    List.of(caller), Duration.ofMinutes(5)));
        }
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        request.header("Content-Type", "application/json").method(method, body);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(HttpResponse<String> response) {
        return response.statusCode() == 401 || response.statusCode() == 403;
    }
}
