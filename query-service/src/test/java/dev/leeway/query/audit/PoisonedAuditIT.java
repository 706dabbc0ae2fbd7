package dev.leeway.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.codec.EventJson;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.query.support.EventStoreFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' API over a store that already holds the poisoned events of issue 8 (a bend whose deviation, a
 * pending bend whose value, and a policy whose own-authority limit is 1e100000 written out in full): every
 * audit endpoint still answers, and hostile query input is refused with problem+json, never a 500 or HTML.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class PoisonedAuditIT {

    private static final String HUGE = "1" + "0".repeat(100_000);
    private static final String MARKER = "424242";
    private static final ObjectMapper STORED = EventJson.storedEventMapper();
    private static final UUID CASE = UUID.randomUUID();
    private static final CaseId CASE_ID = new CaseId(CASE);
    private static final ExceptionId GRANTED = new ExceptionId(UUID.randomUUID());
    private static final PolicyCode POLICY = new PolicyCode("POISON-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase());
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void aStoreHoldingPoisonedEvents() throws Exception {
        EventStoreFixture.migrate();
        PolicyTerms terms = new PolicyTerms("t", "p", PolicyKind.BENDABLE, DeviationUnit.DAYS,
                Map.of(Role.AGENT, Money.of(MARKER, "EUR")), Money.of("300", "EUR"));
        try (Connection service = DriverManager.getConnection(LocalInfrastructure.shared().jdbcUrl(), "leeway_command", "")) {
            poisoned(service, POLICY.value(), "Policy", 0, new PolicyDefined(POLICY, 1, terms), T0);
            poisoned(service, CASE.toString(), "Case", 0, new CaseOpened(CASE_ID, new CustomerId("CUST-P"),
                    Channel.WEB, PersonalText.legacy("Poisoned"), null, null), T0.plusSeconds(60));
            poisoned(service, CASE.toString(), "Case", 1, new ExceptionGranted(CASE_ID, GRANTED, POLICY, 1,
                    new Deviation(new BigDecimal(MARKER), DeviationUnit.DAYS), Money.of("10", "EUR"), "LATE",
                    PersonalText.legacy("why"), Authority.OWN_LIMIT, "alice", "alice"), T0.plusSeconds(120));
            poisoned(service, CASE.toString(), "Case", 2, new ExceptionRequested(CASE_ID,
                    new ExceptionId(UUID.randomUUID()), POLICY, 1, new Deviation(BigDecimal.ONE, DeviationUnit.DAYS),
                    Money.of(MARKER, "EUR"), "LATE", PersonalText.legacy("why"), "alice", Role.SUPERVISOR),
                    T0.plusSeconds(180));
            service.createStatement().executeQuery("SELECT * FROM event_store.seal_checkpoint(100000)").close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/events", "/state", "/state?asOf=1", "/state?asOf=2026-09-01T09:02:30Z"})
    void thePoisonedCasesHistoryAndStateAnswer(String path) throws Exception {
        HttpResponse<String> response = get("/audit/cases/" + CASE + path);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains(HUGE);
        STORED.readTree(response.body());
    }

    @Test
    void theBendsReportAnswersWithThePoisonedBendsAsStored() throws Exception {
        HttpResponse<String> response = get("/audit/exceptions?policy=" + POLICY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode bends = STORED.readTree(response.body());
        assertThat(bends).hasSize(2);
        assertThat(bends.findValuesAsText("exceptionId")).contains(GRANTED.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/audit/verification", "/audit/export", "/audit/digest"})
    void proofAndExportAnswerOverThePoisonedEvents(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        if (path.equals("/audit/verification")) {
            assertThat(STORED.readTree(response.body()).path("intact").asBoolean()).as(response.body()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/audit/cases/%20/events", "/audit/cases/%20/state",
            "/audit/cases/" + "00000000-0000-0000-0000-000000000001" + "/state?asOf=99999999999999999999",
            "/audit/exceptions?from=yesterday", "/cases?page=99999999999", "/cases?size=-1", "/cases/%20"})
    void badQueryInputIsAProblemNotA500(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(STORED.readTree(response.body()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /audit/exceptions?policy[]=x HTTP/1.1", "GET /cases/%2e%2e/audit/digest HTTP/1.1",
            "GET /audit;x=1/digest HTTP/1.1", "GET /audit/digest HTTP/1.1\r\nX-Junk: %s", "GET /cases/%s HTTP/1.1"})
    void aRequestTheServerRefusesToParseGetsAProblemNotAnHtmlPage(String requestLine) throws Exception {
        String head = requestLine.replace("%s", "x".repeat(20_000)) + "\r\nHost: localhost\r\nAuthorization: Bearer "
                + token("AUDITOR") + "\r\nConnection: close\r\n\r\n";
        String answer;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        int status = Integer.parseInt(answer.split(" ")[1]);
        assertThat(status).as(answer).isBetween(400, 499);
        assertThat(answer.toLowerCase()).as(answer).contains("content-type: application/problem+json");
        assertThat(answer).doesNotContain("<html");
    }

    private static void poisoned(Connection connection, String aggregate, String type, long sequence, Object event,
                                 Instant at) throws Exception {
        String payload = STORED.writeValueAsString(event).replaceAll("\\b" + MARKER + "\\b", HUGE);
        EventStoreFixture.append(connection, aggregate, type, sequence, event, payload, "alice", "AGENT", at);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token(path.startsWith("/cases") ? "ANALYST" : "AUDITOR"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String role) {
        return LocalInfrastructure.shared().tokens().mint("auditor", List.of(role), Duration.ofMinutes(5));
    }
}
