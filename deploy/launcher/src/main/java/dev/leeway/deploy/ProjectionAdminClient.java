package dev.leeway.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** projection-service's ADMIN API (projection status and rebuilds), over HTTP with a bearer token. */
final class ProjectionAdminClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final JavaType PROJECTIONS = JSON.getTypeFactory()
            .constructCollectionType(List.class, ProjectionStatus.class);
    private static final JavaType REBUILD = JSON.constructType(RebuildStatus.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;

    ProjectionAdminClient(URI base, String token) {
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.token = token;
    }

    /** One read model as {@code GET /projections} lists it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProjectionStatus(String name, String state, long parkedEvents, String lastError, long lagEvents,
                            long lagMilliseconds, RebuildStatus rebuild) {
    }

    /** A refusal from the service (problem+json), or an answer this client cannot read. */
    static final class AdminApiException extends Exception {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final String code;

        AdminApiException(int status, String code, String detail) {
            super(detail);
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }

        /** {@code HTTP 409 REBUILD_RUNNING: <detail>}: what an operator reads. */
        String describe() {
            return "HTTP " + status + (code == null ? "" : " " + code) + ": " + getMessage();
        }
    }

    URI base() {
        return base;
    }

    List<ProjectionStatus> projections() throws IOException, InterruptedException, AdminApiException {
        return read(send(get("/projections"), 200), PROJECTIONS);
    }

    RebuildStatus startRebuild(String projection, boolean dryRun)
            throws IOException, InterruptedException, AdminApiException {
        HttpRequest request = request("/projections/" + segment(projection) + "/rebuild?dryRun=" + dryRun)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return read(send(request, 202), REBUILD);
    }

    /** The running rebuild of {@code projection}, or its last one. */
    RebuildStatus rebuild(String projection) throws IOException, InterruptedException, AdminApiException {
        return read(send(get("/projections/" + segment(projection) + "/rebuild"), 200), REBUILD);
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request, int expected)
            throws IOException, InterruptedException, AdminApiException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw refusal(response);
        }
        return response;
    }

    private static AdminApiException refusal(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.isObject()) {
                String detail = problem.path("detail").asText(problem.path("title").asText(""));
                String code = problem.hasNonNull("code") ? problem.get("code").asText() : null;
                return new AdminApiException(response.statusCode(), code,
                        detail.isBlank() ? "no detail given" : detail);
            }
        } catch (JsonProcessingException notJson) {
            // Not problem+json (a proxy, another server on the port): show the start of what came back.
        }
        String start = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return new AdminApiException(response.statusCode(), null,
                start.isBlank() ? "no body" : start.replaceAll("\\s+", " "));
    }

    private static <T> T read(HttpResponse<String> response, JavaType type) throws AdminApiException {
        try {
            return JSON.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new AdminApiException(response.statusCode(), null, "unreadable answer: " + e.getOriginalMessage());
        }
    }

    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
