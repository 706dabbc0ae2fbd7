package dev.leeway.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.identity.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may read the analytics, what bad input gets, and the CSV answers. The figures: AnalyticsFiguresIT. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class AnalyticsApiIT {

    private static final List<String> ENDPOINTS = List.of("/analytics/overrides?by=agent",
            "/analytics/outcomes?policy=" + PlantedFacts.CURRENT, "/analytics/fairness?by=channel",
            "/analytics/resolution?by=week", "/analytics/rule-debt?from=2025-03-03");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void plant() throws Exception {
        PlantedFacts.planted();
    }

    @LocalServerPort
    int port;

    private AnalystClient client;

    @BeforeEach
    void client() {
        client = new AnalystClient(port);
    }

    @Test
    void analystsReadEveryEndpointAndEveryOtherRoleIsForbiddenAndNoTokenUnauthenticated() throws Exception {
        for (String endpoint : ENDPOINTS) {
            assertThat(client.get(endpoint, "ANALYST", null).statusCode()).as(endpoint).isEqualTo(200);
            for (Role role : Role.values()) {
                if (role != Role.ANALYST) {
                    assertProblem(client.get(endpoint, role.name(), null), 403, "FORBIDDEN");
                }
            }
            assertProblem(client.get(endpoint, null, null), 401, "UNAUTHENTICATED");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/analytics/overrides?by=customer|by must be one of agent, channel, segment, policy, week",
            "/analytics/overrides|",
            "/analytics/fairness?by=policy|by must be one of segment, channel",
            "/analytics/resolution?by=AGENT|by must be one of agent, channel, policy, week",
            "/analytics/overrides?by=agent&from=2025-05-01&to=2025-04-01|from must not be after to",
            "/analytics/resolution?by=week&from=yesterday|from must be an ISO-8601 instant",
            "/analytics/rule-debt?to=2025-02-30|to must be an ISO-8601 instant",
            "/analytics/outcomes?from=2025-03-03T00:00:00|from must be an ISO-8601 instant",
            "/analytics/outcomes?policy=lower-case|policy must be"})
    void badInputIsA400ProblemSayingWhatIsWrong(String path, String detail) throws Exception {
        for (String accept : new String[]{null, "text/csv"}) {
            HttpResponse<String> response = client.get(path, "ANALYST", accept);

            assertProblem(response, 400, "VALIDATION_FAILED");
            if (detail != null) {
                assertThat(client.read(response.body()).get("detail").asText()).startsWith(detail);
            }
        }
    }

    @Test
    void anUnknownPolicyIsA404Problem() throws Exception {
        assertProblem(client.get("/analytics/outcomes?policy=NO-SUCH-" + PlantedFacts.SUFFIX, "ANALYST", null),
                404, "POLICY_NOT_FOUND");
        assertProblem(client.get("/analytics/outcomes?policy=NO-SUCH-" + PlantedFacts.SUFFIX, "ANALYST", "text/csv"),
                404, "POLICY_NOT_FOUND");
    }

    @Test
    void aWindowWithoutCasesHasNoGroupsAndRatesWithoutADenominatorAreNull() throws Exception {
        String empty = "from=2040-01-01&to=2040-01-01";

        assertThat(client.figures("/analytics/overrides?by=channel&" + empty).get("groups").size()).isZero();
        assertThat(client.figures("/analytics/fairness?by=segment&" + empty).get("agents").size()).isZero();
        JsonNode outcomes = client.figures("/analytics/outcomes?" + empty);
        assertThat(outcomes.get("bentCases").asLong()).isZero();
        assertThat(outcomes.at("/reopenRate/bent/rate").isNull()).isTrue();
        assertThat(outcomes.at("/satisfaction/naiveDifference/estimate").isNull()).isTrue();
        assertThat(outcomes.at("/satisfaction/adjustedDifference/strataUsed").asInt()).isZero();
    }

    @Test
    void csvHasOneRowPerGroupWithTheJsonFiguresAndQuotesACodeWithACommaAndQuotes() throws Exception {
        String path = "/analytics/overrides?by=segment&" + AnalystClient.WINDOW;
        HttpResponse<String> response = client.get(path, "ANALYST", "text/csv");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        assertThat(response.body().lines().findFirst()).hasValue("group,cases,casesWithBend,bendRate.numerator,"
                + "bendRate.denominator,bendRate.rate,bendsRequested,bendsGranted,bendsDeclined,bendsPending,"
                + "valueGiven.EUR,valueGiven.USD,flagged");
        assertThat(response.body()).contains("\"VIP, \"\"gold\"\" " + PlantedFacts.SUFFIX + "\",");
        List<Map<String, String>> rows = csv(response.body());
        JsonNode groups = client.figures(path).get("groups");
        assertThat(rows).hasSize(groups.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            JsonNode group = groups.get(i);
            assertThat(row.get("group")).isEqualTo(group.get("group").asText());
            assertThat(row.get("cases")).isEqualTo(group.get("cases").asText());
            assertThat(row.get("bendRate.rate")).isEqualTo(group.at("/bendRate/rate").decimalValue().toPlainString());
            assertThat(row.get("valueGiven.EUR")).isEqualTo(group.at("/valueGiven/EUR").decimalValue().toPlainString());
            assertThat(row.get("flagged")).isEqualTo(group.get("flagged").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/analytics/outcomes?", "/analytics/fairness?by=segment&",
            "/analytics/resolution?by=agent&", "/analytics/rule-debt?"})
    void everyEndpointAnswersCsvWithAHeaderAndItsRows(String path) throws Exception {
        HttpResponse<String> response = client.get(path + AnalystClient.WINDOW, "ANALYST", "text/csv");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = client.figures(path + AnalystClient.WINDOW);
        int expected = switch (path.substring(11, 15)) {
            case "outc" -> 3;
            case "fair" -> {
                int rows = 0;
                for (JsonNode agent : json.get("agents")) {
                    rows += agent.get("groups").size();
                }
                yield rows;
            }
            case "reso" -> json.get("groups").size();
            default -> json.get("policies").size();
        };
        assertThat(csv(response.body())).hasSize(expected);
    }

    private static List<Map<String, String>> csv(String body) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            return rows.readAll();
        }
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(client.read(response.body()).path("code").asText()).isEqualTo(code);
    }
}
