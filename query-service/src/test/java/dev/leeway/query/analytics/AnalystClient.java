package dev.leeway.query.analytics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.leeway.infra.LocalInfrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls query-service as a person with the given roles, with a real token signed by the local key. */
final class AnalystClient {

    static final String WINDOW = "from=2025-03-03&to=2025-05-26T00:00:00Z";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private final int port;

    AnalystClient(int port) {
        this.port = port;
    }

    /** GET as an ANALYST, expecting 200 JSON. */
    JsonNode figures(String path) throws Exception {
        HttpResponse<String> response = get(path, "ANALYST", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    HttpResponse<String> get(String path, String role, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (role != null) {
            request.header("Authorization", "Bearer " + LocalInfrastructure.shared().tokens()
                    .mint("analyst-" + role.toLowerCase(), List.of(role), Duration.ofMinutes(5)));
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode read(String body) throws Exception {
        return json.readTree(body);
    }
}
