package dev.leeway.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.identity.Role;
import dev.leeway.query.support.RunningQueryService;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every endpoint with the roles that may call it, and says no more than is true. */
class ApiDocumentationIT extends RunningQueryService {

    private static final String STAFF = "AGENT, SUPERVISOR, POLICY_OWNER, ANALYST, AUDITOR";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theDocumentListsTheCasePolicyAuditAndAnalyticsPathsWithTheRolesOfEach() throws Exception {
        JsonNode paths = document().get("paths");

        assertThat(roles(paths, "/cases")).isEqualTo(STAFF);
        assertThat(roles(paths, "/cases/{caseId}")).isEqualTo(STAFF);
        assertThat(roles(paths, "/policies")).isEqualTo(STAFF);
        assertThat(roles(paths, "/policies/{code}")).isEqualTo(STAFF);
        assertThat(roles(paths, "/policies/{code}/versions")).isEqualTo(STAFF);
        assertThat(roles(paths, "/policies/{code}/proposals")).isEqualTo(STAFF);
        for (String audit : List.of("/audit/cases/{caseId}/events", "/audit/cases/{caseId}/state", "/audit/exceptions",
                "/audit/digest", "/audit/verification", "/audit/export")) {
            assertThat(roles(paths, audit)).as(audit).isEqualTo("AUDITOR");
        }
        for (String analytics : List.of("/analytics/overrides", "/analytics/outcomes", "/analytics/fairness",
                "/analytics/resolution", "/analytics/rule-debt")) {
            assertThat(roles(paths, analytics)).as(analytics).isEqualTo("ANALYST");
        }
        assertThat(paths.path("/policies/{code}").path("get").path("description").asText())
                .contains("POLICY_NOT_FOUND").endsWith("Roles: " + STAFF + ".");
    }

    @Test
    void theBearerSchemeIsDeclaredOnceAndEveryOperationNamesItsRoles() throws Exception {
        JsonNode document = document();

        assertThat(document.path("openapi").asText()).startsWith("3.1");
        JsonNode bearer = document.at("/components/securitySchemes/bearer");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
        List<String> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            operations.add(operation.getKey() + " " + path.getKey());
            assertThat(operation.getValue().path("description").asText()).as(path.getKey()).contains("Roles: ");
        }));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(12);
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
        assertThat(get("/swagger-ui.html", null).statusCode()).isIn(200, 302);
    }

    /**
     * The document and the security configuration name the roles in two places; this keeps them one truth: every
     * documented operation lets in each role it names and refuses every other.
     */
    @Test
    void everyDocumentedOperationLetsInExactlyTheRolesItNames() throws Exception {
        JsonNode paths = document().get("paths");
        List<String> mismatches = new ArrayList<>();
        paths.fields().forEachRemaining(path -> {
            String url = path.getKey().replace("{caseId}", UUID.randomUUID().toString()).replace("{code}", "NO-SUCH-RULE");
            List<String> allowed = new ArrayList<>();
            path.getValue().path("get").path("security").forEach(requirement ->
                    requirement.path("bearer").forEach(role -> allowed.add(role.asText())));
            for (Role role : Role.values()) {
                int status = status(url, role.name());
                boolean refused = status == 401 || status == 403;
                if (refused == allowed.contains(role.name())) {
                    mismatches.add("GET " + url + " as " + role + ": " + status + " (documented roles " + allowed + ")");
                }
            }
        });

        assertThat(mismatches).isEmpty();
        assertThat(paths.size()).isGreaterThanOrEqualTo(12);
    }

    private JsonNode document() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The roles the operation's description states. */
    private static String roles(JsonNode paths, String path) {
        String description = paths.path(path).path("get").path("description").asText();
        int at = description.lastIndexOf("Roles: ");
        assertThat(at).as(path + " states its roles: " + description).isNotNegative();
        return description.substring(at + "Roles: ".length()).replaceAll("\\.$", "");
    }

    private int status(String path, String role) {
        try {
            return get(path, role).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path, String role) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (role != null) {
            request.header("Authorization", "Bearer " + LocalInfrastructure.shared().tokens()
                    .mint("doc-reader", List.of(role), Duration.ofMinutes(5)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
