package dev.leeway.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.command.policies.Rulebook;
import dev.leeway.command.support.ApiClient;
import dev.leeway.command.support.CommandApiTest;
import dev.leeway.command.support.RawHttp;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.policies.PolicyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile or broken client sends, class by class (issue 8): each is refused with a 400-family
 * problem+json and a stable code, and stores nothing. None of them may be a 500 or an HTML page.
 */
class HostileInputIT extends CommandApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Rulebook rulebook;

    private ApiClient agent;
    private String caseId;
    private String policy;
    private long eventsBefore;

    @BeforeEach
    void aCaseAndABendablePolicy() {
        agent = as(unique("agent"), Role.AGENT);
        policy = definePolicy("BENDABLE", "MONEY", 50, 500, 200);
        caseId = openCase(agent);
        eventsBefore = storedEvents();
    }

    @ParameterizedTest(name = "deviation {0}")
    @ValueSource(strings = {"1e100000", "1e-100000", "1000000.5", "1000001", "0.00001", "-1", "1e2147483647"})
    void aDeviationOutsideItsBoundsIsRefused(String deviation) {
        ApiClient.Response response = agent.post("/cases/" + caseId + "/exceptions", bend(deviation, "25"));

        assertRefused(response, 400, "VALIDATION_FAILED");
        assertThat(response.json().path("errors").toString()).contains("deviation");
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(strings = {"1e100000", "1000000000.01", "25.001", "-5", "1e-100000"})
    void anAmountOutsideItsBoundsOrItsCurrencysScaleIsRefused(String amount) {
        ApiClient.Response response = agent.post("/cases/" + caseId + "/exceptions", bend("1", amount));

        assertRefused(response, 400, "VALIDATION_FAILED");
        assertThat(response.json().path("errors").toString()).contains("valueGiven");
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(strings = {"1e100000", "10000000000", "0.001"})
    void aPolicyWhoseLimitOrBudgetIsOutsideItsBoundsIsRefused(String amount) {
        ApiClient owner = as("olivia", Role.POLICY_OWNER);
        String code = unique("RULE");

        ApiClient.Response limit = owner.put("/policies/" + code, policy(amount, "100"));
        ApiClient.Response budget = owner.put("/policies/" + code, policy("10", amount));

        assertRefused(limit, 400, "VALIDATION_FAILED");
        assertThat(limit.json().path("errors").toString()).contains("ownAuthorityLimits");
        assertRefused(budget, 400, "VALIDATION_FAILED");
        assertThat(budget.json().path("errors").toString()).contains("monthlyBudgetPerAgent");
        assertThat(rulebook.find(new PolicyCode(code))).isEmpty();
    }

    @Test
    void aScoreBeyondTheRangeOfAnIntegerIsRefused() {
        agent.post("/cases/" + caseId + "/resolution", "{\"outcome\":\"SOLVED\",\"summary\":\"done\"}");
        long before = storedEvents();

        ApiClient.Response response = agent.post("/cases/" + caseId + "/satisfaction", "{\"score\":1e100000}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aBodyWithADuplicateKeyIsRefused() {
        ApiClient.Response response = agent.post("/cases", """
                {"customerId":"C-1","channel":"PHONE","subject":"first","subject":"second"}""");

        assertRefused(response, 400, "DUPLICATE_FIELD");
        assertThat(response.json().path("detail").asText()).contains("subject");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nul \\u0000 inside", "bell \\u0007", "escape \\u001b[31m", "delete \\u007f",
            "c1 \\u0085", "lone surrogate \\ud800"})
    void aStringWithAControlCharacterOrBrokenUnicodeIsRefused(String text) {
        ApiClient.Response response = agent.post("/cases", """
                {"customerId":"C-1","channel":"PHONE","subject":"%s"}""".formatted(text));

        assertRefused(response, 400, "VALIDATION_FAILED");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("subject");
    }

    @Test
    void lineBreaksAndTabsInFreeTextAreAccepted() {
        ApiClient.Response response = agent.post("/cases", """
                {"customerId":"C-1","channel":"PHONE","subject":"two\\nlines\\tand a tab"}""");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void aNulInACodeIsRefusedBeforeItReachesPostgres() {
        ApiClient.Response response = agent.post("/cases/" + caseId + "/assignment", "{\"assignee\":\"bob\\u0000\"}");

        assertRefused(response, 400, "VALIDATION_FAILED");
    }

    @Test
    void aNonAsciiIdempotencyKeyIsRefused() {
        String body = "{\"customerId\":\"C-1\",\"channel\":\"PHONE\",\"subject\":\"Hello\"}";
        byte[] request = ("POST /cases HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token()
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: clé-1\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);

        RawHttp.Response response = RawHttp.send(port, null, request);

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.body()).contains("Idempotency-Key");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @ParameterizedTest(name = "If-Match: {0}")
    @ValueSource(strings = {"\"99999999999999999999\"", "\"-1\"", "\"abc\"", "W/\"1\" , \"2\""})
    void anIfMatchThatIsNotAVersionIsRefused(String ifMatch) {
        ApiClient.Response response = agent.with("If-Match", ifMatch)
                .post("/cases/" + caseId + "/assignment", "{\"assignee\":\"bob\"}");

        assertRefused(response, 400, "VALIDATION_FAILED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X-Client-App", "X-Correlation-Id"})
    void aMetadataHeaderThatIsNotPlainAsciiIsRefused(String header) {
        String body = "{\"assignee\":\"bob\"}";
        byte[] request = ("POST /cases/" + caseId + "/assignment HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token() + "\r\nContent-Type: application/json\r\n" + header + ": desk\u00e9top\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);

        RawHttp.Response response = RawHttp.send(port, null, request);

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.body()).contains(header);
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/cases/%20/assignment", "/cases/%20%20/resolution"})
    void aBlankPathIdIsRefused(String path) {
        ApiClient.Response response = agent.post(path, "{\"assignee\":\"bob\"}");

        assertRefused(response, 400, "VALIDATION_FAILED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /policies?x[]=1 HTTP/1.1", "GET /policies?x={} HTTP/1.1",
            "GET /cases/%2e%2e/%2e%2e/policies HTTP/1.1", "GET /cases/..%2f..%2fpolicies HTTP/1.1",
            "GET /policies;jsessionid=1 HTTP/1.1", "GET /policies//x HTTP/1.1", "GET /pol\u0001icies HTTP/1.1",
            "GET /policies HTTP/9.9"})
    void aRequestTheServerRefusesToParseGetsAProblemNotAnHtmlPage(String requestLine) {
        RawHttp.Response response = RawHttp.send(port, requestLine + "\r\nHost: localhost\r\nAuthorization: Bearer "
                + token());

        assertThat(response.status()).as(response.body()).isBetween(400, 599).isNotEqualTo(500);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        assertThat(json(response.body()).path("status").asInt()).isEqualTo(response.status());
        assertThat(json(response.body()).path("code").asText()).isNotBlank();
    }

    @Test
    void anOversizedHeaderGetsAProblemNotAnHtmlPage() {
        RawHttp.Response response = RawHttp.send(port, "GET /policies HTTP/1.1\r\nHost: localhost\r\nX-Junk: "
                + "x".repeat(20_000));

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        assertThat(json(response.body()).path("code").asText()).isIn("HEADERS_TOO_LARGE", "MALFORMED_REQUEST");
    }

    @Test
    void aVeryLongPathGetsAProblemNotAnHtmlPage() {
        RawHttp.Response response = RawHttp.send(port, "GET /cases/" + "a".repeat(20_000)
                + " HTTP/1.1\r\nHost: localhost");

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
    }

    @Test
    void aRequestThatAcceptsOnlyHtmlGetsAProblemNotA500() {
        String body = "{\"customerId\":\"C-1\",\"channel\":\"PHONE\",\"subject\":\"Hello\"}";
        byte[] request = ("POST /cases HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token()
                + "\r\nContent-Type: application/json\r\nAccept: text/html\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);

        RawHttp.Response response = RawHttp.send(port, null, request);

        assertThat(response.status()).isEqualTo(406);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void anUnknownPathGetsAProblemEvenWithoutAToken() {
        RawHttp.Response response = RawHttp.send(port, "GET /nowhere HTTP/1.1\r\nHost: localhost");

        assertThat(response.status()).isIn(401, 404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theOpenApiDocumentStatesTheBoundsOfEveryNumber() {
        JsonNode schemas = anonymous().get("/v3/api-docs").json().at("/components/schemas");

        JsonNode deviation = schemas.at("/BendPolicyRequest/properties/deviation");
        JsonNode amount = schemas.at("/MoneyRequest/properties/amount");
        JsonNode budget = schemas.at("/PutPolicyRequest/properties/monthlyBudgetPerAgent");
        JsonNode limits = schemas.at("/PutPolicyRequest/properties/ownAuthorityLimits");
        JsonNode score = schemas.at("/SatisfactionRequest/properties/score");

        assertThat(deviation.path("minimum").decimalValue()).isEqualByComparingTo("0");
        assertThat(deviation.path("maximum").decimalValue()).isEqualByComparingTo("1000000");
        assertThat(deviation.path("description").asText()).contains("4 decimals");
        assertThat(amount.path("maximum").decimalValue()).isEqualByComparingTo("1000000000");
        assertThat(amount.path("description").asText()).contains("currency's decimals");
        assertThat(budget.path("maximum").decimalValue()).isEqualByComparingTo("1000000000");
        assertThat(limits.path("description").asText()).contains("1000000000");
        assertThat(score.path("minimum").asInt()).isEqualTo(1);
        assertThat(score.path("maximum").asInt()).isEqualTo(5);
    }

    private String bend(String deviation, String amount) {
        return """
                {"policyCode":"%s","deviation":%s,"valueGiven":{"amount":%s,"currency":"EUR"},
                 "reasonCode":"GOODWILL","justification":"Late parcel"}""".formatted(policy, deviation, amount);
    }

    private static String policy(String limit, String budget) {
        return """
                {"title":"Rule","purpose":"Test","kind":"BENDABLE","unit":"MONEY","currency":"EUR",
                 "ownAuthorityLimits":{"AGENT":%s},"monthlyBudgetPerAgent":%s}""".formatted(limit, budget);
    }

    @Test
    void aHeaderValueWithAControlCharacterIsRefusedByTheFirewallEvenWhereNothingReadsIt() {
        String body = "{\"assignee\":\"bob\"}";
        byte[] request = ("POST /cases/" + caseId + "/assignment HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token() + "\r\nContent-Type: application/json\r\nX-Trace: a\u0085b\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);

        RawHttp.Response response = RawHttp.send(port, null, request);

        assertProblem(response, 400, "MALFORMED_REQUEST");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    private void assertRefused(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).as(response.body()).isEqualTo(code);
        assertThat(storedEvents()).as("a refused request stores nothing").isEqualTo(eventsBefore);
    }

    private static void assertProblem(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(json(response.body()).path("code").asText()).isEqualTo(code);
    }

    private static String token() {
        return LocalInfrastructure.shared().tokens().mint("mallory", List.of("AGENT", "SUPERVISOR", "POLICY_OWNER"),
                Duration.ofMinutes(5));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
