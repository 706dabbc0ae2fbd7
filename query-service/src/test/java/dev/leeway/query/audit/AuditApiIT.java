package dev.leeway.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.BendStatus;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.CaseState;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.Outcome;
import dev.leeway.kernel.cases.ReviewVerdict;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.query.support.EventStoreFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The auditors' API over an event store built by the real migrations and appended to as command-service does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class AuditApiIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final UUID CASE = UUID.randomUUID();
    private static final CaseId CASE_ID = new CaseId(CASE);
    private static final ExceptionId BEND = new ExceptionId(UUID.randomUUID());
    private static final PolicyCode POLICY = new PolicyCode("AUDIT-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase());
    private static final Instant T0 = Instant.parse("2026-10-05T09:00:00Z");
    /** The scripted case: (event, actor), at T0 + i minutes. */
    private static final List<Object[]> SCRIPT = List.of(
            new Object[]{new CaseOpened(CASE_ID, new CustomerId("CUST-A"), Channel.PHONE, PersonalText.legacy("Late return"), null, null), "alice"},
            new Object[]{new ExceptionRequested(CASE_ID, BEND, POLICY, 1, new Deviation(BigDecimal.TEN, DeviationUnit.DAYS),
                    Money.of("80", "EUR"), "HOSPITAL", PersonalText.legacy("In hospital"), "alice", Role.SUPERVISOR), "alice"},
            new Object[]{new ExceptionGranted(CASE_ID, BEND, POLICY, 1, new Deviation(BigDecimal.TEN, DeviationUnit.DAYS),
                    Money.of("80", "EUR"), "HOSPITAL", PersonalText.legacy("In hospital"), Authority.APPROVED, "alice", "sam"), "sam"},
            new Object[]{new ExceptionReviewed(CASE_ID, BEND, ReviewVerdict.RULE_CHANGE_PROPOSED, PersonalText.legacy("recurring"), "sue"), "sue"},
            new Object[]{new CaseResolved(CASE_ID, Outcome.SOLVED, PersonalText.legacy("Refunded")), "alice"},
            new Object[]{new SatisfactionRecorded(CASE_ID, 5, null, 1, List.of("alice", "sam")), "alice"});

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void eventStoreWithAScriptedCase() throws Exception {
        EventStoreFixture.migrate();
        try (Connection service = DriverManager.getConnection(LocalInfrastructure.shared().jdbcUrl(), "leeway_command", "")) {
            for (int i = 0; i < SCRIPT.size(); i++) {
                String actor = (String) SCRIPT.get(i)[1];
                EventStoreFixture.append(service, CASE.toString(), "Case", i, SCRIPT.get(i)[0], actor, roles(actor),
                        T0.plusSeconds(60L * i));
            }
            PolicyTerms terms = new PolicyTerms("t", "p", PolicyKind.BENDABLE, DeviationUnit.DAYS,
                    Map.of(Role.AGENT, Money.of("100", "EUR")), Money.of("300", "EUR"));
            EventStoreFixture.append(service, POLICY.value(), "Policy", 0, new PolicyDefined(POLICY, 1, terms),
                    "olivia", "POLICY_OWNER", T0.minusSeconds(3600));
            EventStoreFixture.append(service, POLICY.value(), "Policy", 1, new PolicyRevised(POLICY, 2, terms,
                    List.of("ownAuthorityLimits"), null, List.of(BEND)), "olivia", "POLICY_OWNER", T0.plusSeconds(3600));
            service.createStatement().executeQuery("SELECT * FROM event_store.seal_checkpoint(100000)").close();
        }
    }

    static Stream<Arguments> auditEndpointsAndOtherRoles() {
        List<String> endpoints = List.of("/audit/cases/" + CASE + "/events", "/audit/cases/" + CASE + "/state?asOf=2",
                "/audit/exceptions", "/audit/digest", "/audit/verification", "/audit/export");
        List<Arguments> matrix = new ArrayList<>();
        for (String endpoint : endpoints) {
            for (Role role : Role.values()) {
                if (role != Role.AUDITOR) {
                    matrix.add(Arguments.of(endpoint, role));
                }
            }
        }
        return matrix.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("auditEndpointsAndOtherRoles")
    void everyAuditEndpointRefusesEveryNonAuditorRole(String endpoint, Role role) throws Exception {
        HttpResponse<String> response = get(endpoint, role.name());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(get(endpoint, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aCasesHistoryComesInOrderWithWhoWhenWhyAndItsHash() throws Exception {
        JsonNode events = auditor("/audit/cases/" + CASE + "/events");

        assertThat(events).hasSize(SCRIPT.size());
        JsonNode granted = events.get(2);
        assertThat(granted.get("type").asText()).isEqualTo("ExceptionGranted");
        assertThat(granted.get("sequence").asLong()).isEqualTo(2);
        assertThat(granted.get("actorId").asText()).isEqualTo("sam");
        assertThat(granted.get("actorRoles").asText()).isEqualTo("SUPERVISOR");
        assertThat(granted.get("correlationId").asText()).isEqualTo("corr-2");
        assertThat(granted.get("clientApp").asText()).isEqualTo("audit-test");
        assertThat(granted.get("hash").asText()).hasSize(64);
        assertThat(granted.get("payload").get("authority").asText()).isEqualTo("APPROVED");
        assertThat(granted.get("globalPosition").asLong()).isGreaterThan(events.get(1).get("globalPosition").asLong());
    }

    @Test
    void theStateAsOfEverySequenceMatchesTheFoldOfTheAggregate() throws Exception {
        CaseState expected = CaseState.NONE;
        for (int sequence = 0; sequence < SCRIPT.size(); sequence++) {
            expected = expected.evolve(SCRIPT.get(sequence)[0], (String) SCRIPT.get(sequence)[1]);

            JsonNode view = auditor("/audit/cases/" + CASE + "/state?asOf=" + sequence);

            assertThat(view.get("asOfSequence").asLong()).isEqualTo(sequence);
            JsonNode expectedJson = JSON.readTree(JSON.writeValueAsString(expected));
            expectedJson.findParents("justification").forEach(bend -> ((ObjectNode) bend)
                    .put("justification", "In hospital")); // personal text is shown opened to auditors
            assertThat(view.get("state")).as("state after event " + sequence).isEqualTo(expectedJson);
        }
        JsonNode pending = auditor("/audit/cases/" + CASE + "/state?asOf=" + T0.plusSeconds(90));
        assertThat(pending.get("state").get("bends").get(BEND.toString()).get("status").asText())
                .isEqualTo(BendStatus.PENDING.name());
        assertThat(auditor("/audit/cases/" + CASE + "/state?asOf=3").get("state").get("bends").get(BEND.toString())
                .get("policyVersion").asInt()).isEqualTo(1);
    }

    @Test
    void aPeriodsBendsComeWithTheirChainOfCustody() throws Exception {
        JsonNode bends = auditor("/audit/exceptions?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z&policy=" + POLICY);

        assertThat(bends).hasSize(1);
        JsonNode bend = bends.get(0);
        assertThat(bend.get("exceptionId").asText()).isEqualTo(BEND.toString());
        assertThat(bend.get("requested").get("by").asText()).isEqualTo("alice");
        assertThat(bend.get("granted").get("by").asText()).isEqualTo("sam");
        assertThat(bend.get("authority").asText()).isEqualTo("APPROVED");
        assertThat(bend.get("reviewed").get("by").asText()).isEqualTo("sue");
        assertThat(bend.get("reviewVerdict").asText()).isEqualTo("RULE_CHANGE_PROPOSED");
        assertThat(bend.get("ruleChanges").get(0).get("kind").asText()).isEqualTo("REVISED");
        assertThat(bend.get("ruleChanges").get(0).get("reference").asText()).isEqualTo("version 2");
        assertThat(auditor("/audit/exceptions?actor=nobody&policy=" + POLICY)).isEmpty();
        assertThat(auditor("/audit/exceptions?actor=sue&policy=" + POLICY)).hasSize(1);
        assertThat(auditor("/audit/exceptions?from=2026-10-06T00:00:00Z&policy=" + POLICY)).isEmpty();
    }

    @Test
    void theStoreVerifiesCleanAndExtendsItsOwnDigest() throws Exception {
        String digest = auditor("/audit/digest").get("digest").asText();

        JsonNode report = auditor("/audit/verification?since=" + digest);

        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("extendsDigest").asBoolean()).isTrue();
        assertThat(report.get("eventsChecked").asLong()).isGreaterThanOrEqualTo(SCRIPT.size() + 2);
    }

    @Test
    void theExportHoldsEventsWithHashesAndTheirCheckpoints() throws Exception {
        HttpResponse<String> export = get("/audit/export", "AUDITOR");

        assertThat(export.statusCode()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export.body().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines.get(0).get("kind").asText()).isEqualTo("leeway-audit-export");
        assertThat(lines.stream().filter(l -> l.get("kind").asText().equals("event"))).allSatisfy(
                l -> assertThat(l.get("hash").asText()).hasSize(64));
        assertThat(lines.stream().filter(l -> l.get("kind").asText().equals("checkpoint"))).isNotEmpty();
    }

    @Test
    void auditReadsAreThemselvesRecorded() throws Exception {
        String marker = "/audit/cases/" + CASE + "/events";
        get(marker, "AUDITOR");

        try (Connection db = LocalInfrastructure.shared().adminConnection();
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(*) FROM event_store.audit_access_log WHERE actor_id = 'auditor' AND resource = ?")) {
            query.setString(1, marker);
            var rows = query.executeQuery();
            rows.next();
            assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(1);
        }
    }

    private static String roles(String actor) {
        return actor.equals("sam") || actor.equals("sue") ? "SUPERVISOR" : "AGENT";
    }

    private JsonNode auditor(String path) throws Exception {
        HttpResponse<String> response = get(path, "AUDITOR");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String role) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (role != null) {
            String who = role.equals("AUDITOR") ? "auditor" : "someone";
            request.header("Authorization", "Bearer "
                    + LocalInfrastructure.shared().tokens().mint(who, List.of(role), Duration.ofMinutes(5)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
