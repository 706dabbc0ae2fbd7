package dev.leeway.query.policies;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.leeway.infra.EmbeddedPostgresServer;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.privacy.PersonalDataCipher;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.query.support.EventStoreFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The rulebook's read model, as projection-service's migrations build it and its projection fills it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class PolicyQueryApiIT {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    /** Two versions, revised on a proposal; one proposal adopted, one open. */
    private static final String RETURNS = "RETURNS-" + SUFFIX;
    /** Revised to a limit an earlier version stored beyond the bounds. */
    private static final String POISONED = "POISONED-" + SUFFIX;
    private static final String RETIRED = "RETIRED-" + SUFFIX;
    private static final String SEALED = "SEALED-" + SUFFIX;
    private static final String LIVE_KEY = UUID.randomUUID().toString();
    private static final String DESTROYED_KEY = UUID.randomUUID().toString();
    private static final UUID ADOPTED = UUID.fromString("0a1c2b7a-5d4e-4a9b-8c7d-6e5f4a3b2c01");
    private static final UUID OPEN = UUID.fromString("0a1c2b7a-5d4e-4a9b-8c7d-6e5f4a3b2c02");
    private static final UUID BEND = UUID.fromString("7a1c2b7a-5d4e-4a9b-8c7d-6e5f4a3b2c99");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void rulebook() throws Exception {
        EventStoreFixture.migrate();
        try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
            policy(connection, RETURNS, 2, "250", "true", "false, NULL, NULL");
            limit(connection, RETURNS, "AGENT", "150");
            limit(connection, RETURNS, "SUPERVISOR", "400");
            version(connection, RETURNS, 1, "{\"AGENT\": 50.0000, \"SUPERVISOR\": 400.0000}", "'{}'", "NULL",
                    "'{}'", "'olivia'", "2026-09-01T08:00:00Z");
            version(connection, RETURNS, 2, "{\"AGENT\": 150.0000, \"SUPERVISOR\": 400.0000}",
                    "'{ownAuthorityLimits}'", "'" + ADOPTED + "'", "ARRAY['" + BEND + "'::uuid]", "'olivia'",
                    "2026-10-01T08:00:00Z");
            proposal(connection, ADOPTED, RETURNS, 1, "Let agents give 150", "ARRAY['" + BEND + "'::uuid]",
                    "2026-09-20T08:00:00Z", "2");
            proposal(connection, OPEN, RETURNS, 2, "Count days from delivery", "'{}'", "2026-10-02T08:00:00Z",
                    "NULL");

            policy(connection, POISONED, 2, "1000", "false", "false, NULL, NULL");
            limit(connection, POISONED, "AGENT", "NULL");
            limit(connection, POISONED, "SUPERVISOR", "500");
            version(connection, POISONED, 2, "{\"AGENT\": null, \"SUPERVISOR\": 500.0000}", "'{ownAuthorityLimits}'",
                    "NULL", "'{}'", "NULL", "2026-10-01T08:00:00Z");

            policy(connection, RETIRED, 1, "100", "true", "true, '2026-10-03T08:00:00Z', 'obsolete'");

            policy(connection, SEALED, 1, "100", "true", "false, NULL, NULL");
            byte[] live = PersonalDataCipher.newKey();
            byte[] destroyed = PersonalDataCipher.newKey();
            sealedProposal(connection, SEALED, LIVE_KEY, PersonalDataCipher.seal(live, LIVE_KEY,
                    "Mrs Example waited six weeks"), "2026-10-05T08:00:00Z");
            sealedProposal(connection, SEALED, DESTROYED_KEY, PersonalDataCipher.seal(destroyed, DESTROYED_KEY,
                    "Mr Erased was away"), "2026-10-06T08:00:00Z");
            try (Connection vault = DriverManager.getConnection(LocalInfrastructure.shared().keyVaultUrl(),
                    EmbeddedPostgresServer.SUPERUSER, "");
                 PreparedStatement key = vault.prepareStatement(
                         "INSERT INTO key_vault.customer_key (key_id, customer_id, key) VALUES (?, NULL, ?)")) {
                key.setString(1, LIVE_KEY);
                key.setBytes(2, live);
                key.executeUpdate();
                key.setString(1, DESTROYED_KEY);
                key.setBytes(2, destroyed);
                key.executeUpdate();
                vault.createStatement().execute("UPDATE key_vault.customer_key SET key = NULL, erased_at = now() "
                        + "WHERE key_id = '" + DESTROYED_KEY + "'");
            }
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    /** Amounts read exactly: 150.00 stays 150.00, not the double 150.0. */
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Test
    void aPolicyShowsItsTermsInForceAtItsCurrencysScale() throws Exception {
        HttpResponse<String> response = get("/policies/" + RETURNS, "AGENT");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode policy = json.readTree(response.body());
        assertThat(policy.get("policyCode").asText()).isEqualTo(RETURNS);
        assertThat(policy.get("version").asInt()).isEqualTo(2);
        assertThat(policy.get("retired").asBoolean()).isFalse();
        assertThat(policy.get("title").asText()).isEqualTo("Title of " + RETURNS);
        assertThat(policy.get("kind").asText()).isEqualTo("BENDABLE");
        assertThat(policy.get("unit").asText()).isEqualTo("DAYS");
        assertThat(policy.get("currency").asText()).isEqualTo("EUR");
        assertThat(policy.get("ownAuthorityLimits").get("AGENT").toString()).isEqualTo("150.00");
        assertThat(policy.get("ownAuthorityLimits").get("SUPERVISOR").toString()).isEqualTo("400.00");
        assertThat(policy.get("monthlyBudgetPerAgent").toString()).isEqualTo("250.00");
        assertThat(policy.get("withinBounds").asBoolean()).isTrue();
        assertThat(policy.has("retiredAt")).as("only a retired policy says when").isFalse();
    }

    @Test
    void anAmountStoredBeyondTheBoundsIsNullAndThePolicyIsNotWithinBounds() throws Exception {
        JsonNode policy = json.readTree(get("/policies/" + POISONED, "AGENT").body());

        assertThat(policy.get("withinBounds").asBoolean()).isFalse();
        assertThat(policy.get("ownAuthorityLimits").get("AGENT").isNull()).isTrue();
        assertThat(policy.get("ownAuthorityLimits").get("SUPERVISOR").toString()).isEqualTo("500.00");
        JsonNode version = json.readTree(get("/policies/" + POISONED + "/versions", "AGENT").body()).get(0);
        assertThat(version.get("withinBounds").asBoolean()).isFalse();
        assertThat(version.get("ownAuthorityLimits").get("AGENT").isNull()).isTrue();
        assertThat(version.get("changedBy").isNull()).isTrue();
    }

    @Test
    void everyPolicyIsListedByCodeRetiredOnesIncluded() throws Exception {
        JsonNode all = json.readTree(get("/policies", "ANALYST").body());

        List<String> codes = new ArrayList<>();
        all.forEach(policy -> codes.add(policy.get("policyCode").asText()));
        assertThat(codes).containsSubsequence(POISONED, RETIRED, RETURNS);
        JsonNode retired = all.get(codes.indexOf(RETIRED));
        assertThat(retired.get("retired").asBoolean()).isTrue();
        assertThat(retired.get("retiredAt").asText()).isEqualTo("2026-10-03T08:00:00Z");
        assertThat(retired.get("retirementReason").asText()).isEqualTo("obsolete");
        assertThat(retired.get("ownAuthorityLimits").size()).isZero();
    }

    @Test
    void versionsComeOldestFirstWithWhatChangedAndWhy() throws Exception {
        JsonNode versions = json.readTree(get("/policies/" + RETURNS + "/versions", "POLICY_OWNER").body());

        assertThat(versions.size()).isEqualTo(2);
        JsonNode first = versions.get(0);
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("ownAuthorityLimits").get("AGENT").toString()).isEqualTo("50.00");
        assertThat(first.get("changedTerms").size()).isZero();
        assertThat(first.get("proposalId").isNull()).isTrue();
        assertThat(first.get("changedBy").asText()).isEqualTo("olivia");
        assertThat(first.get("changedAt").asText()).isEqualTo("2026-09-01T08:00:00Z");
        JsonNode second = versions.get(1);
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(second.get("ownAuthorityLimits").get("AGENT").toString()).isEqualTo("150.00");
        assertThat(second.get("changedTerms").get(0).asText()).isEqualTo("ownAuthorityLimits");
        assertThat(second.get("proposalId").asText()).isEqualTo(ADOPTED.toString());
        assertThat(second.get("motivatingExceptionIds").get(0).asText()).isEqualTo(BEND.toString());
    }

    @Test
    void proposalsComeOldestFirstWithTheirBendsAndTheVersionThatAdoptedThem() throws Exception {
        JsonNode proposals = json.readTree(get("/policies/" + RETURNS + "/proposals", "AUDITOR").body());

        assertThat(proposals.size()).isEqualTo(2);
        assertThat(proposals.get(0).get("proposalId").asText()).isEqualTo(ADOPTED.toString());
        assertThat(proposals.get(0).get("proposal").asText()).isEqualTo("Let agents give 150");
        assertThat(proposals.get(0).get("policyVersion").asInt()).isEqualTo(1);
        assertThat(proposals.get(0).get("citedExceptionIds").get(0).asText()).isEqualTo(BEND.toString());
        assertThat(proposals.get(0).get("proposedBy").asText()).isEqualTo("alice");
        assertThat(proposals.get(0).get("proposedAt").asText()).isEqualTo("2026-09-20T08:00:00Z");
        assertThat(proposals.get(0).get("adoptedInVersion").asInt()).isEqualTo(2);
        assertThat(proposals.get(1).get("proposalId").asText()).isEqualTo(OPEN.toString());
        assertThat(proposals.get(1).get("adoptedInVersion").isNull()).isTrue();
        assertThat(json.readTree(get("/policies/" + RETIRED + "/proposals", "AUDITOR").body()).size()).isZero();
    }

    @Test
    void aSealedProposalIsOpenedWhileItsKeyLivesAndErasedOnceItIsDestroyed() throws Exception {
        JsonNode proposals = json.readTree(get("/policies/" + SEALED + "/proposals", "AUDITOR").body());

        assertThat(proposals.size()).isEqualTo(2);
        assertThat(proposals.get(0).get("proposal").asText()).isEqualTo("Mrs Example waited six weeks");
        assertThat(proposals.get(1).get("proposal").asText()).isEqualTo(PersonalText.ERASED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/versions", "/proposals"})
    void anUnknownPolicyIsA404Problem(String tail) throws Exception {
        assertProblem(get("/policies/NO-SUCH-RULE-" + SUFFIX + tail, "AGENT"), 404, "POLICY_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/policies/lower-case", "/policies/X", "/policies/lower-case/versions"})
    void aCodeThatCannotBeAPolicyCodeIsA400Problem(String path) throws Exception {
        assertProblem(get(path, "AGENT"), 400, "VALIDATION_FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AGENT", "SUPERVISOR", "POLICY_OWNER", "ANALYST", "AUDITOR"})
    void staffRolesReadTheRulebook(String role) throws Exception {
        for (String path : List.of("/policies", "/policies/" + RETURNS, "/policies/" + RETURNS + "/versions",
                "/policies/" + RETURNS + "/proposals")) {
            assertThat(get(path, role).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aRoleWithoutBusinessWithTheRulebookIsForbiddenAndNoTokenIsUnauthenticated() throws Exception {
        for (String path : List.of("/policies", "/policies/" + RETURNS, "/policies/" + RETURNS + "/versions",
                "/policies/" + RETURNS + "/proposals")) {
            assertProblem(get(path, "ADMIN"), 403, "FORBIDDEN");
            assertProblem(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()), 401, "UNAUTHENTICATED");
        }
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo(code);
    }

    private HttpResponse<String> get(String path, String role) throws Exception {
        String token = LocalInfrastructure.shared().tokens().mint("reader", List.of(role), Duration.ofMinutes(5));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code retirement}: retired, retired_at, retirement_reason as SQL. */
    private static void policy(Connection connection, String code, int version, String budget, String withinBounds,
                               String retirement) throws Exception {
        connection.createStatement().execute("""
                INSERT INTO read_model.policy (policy_code, version, title, purpose, kind, unit, currency,
                    monthly_budget, within_bounds, retired, retired_at, retirement_reason, defined_at, updated_at)
                VALUES ('%s', %d, 'Title of %s', 'Why', 'BENDABLE', 'DAYS', 'EUR', %s, %s, %s,
                    '2026-09-01T08:00:00Z', '2026-10-01T08:00:00Z')"""
                .formatted(code, version, code, budget, withinBounds, retirement));
    }

    private static void limit(Connection connection, String code, String role, String amount) throws Exception {
        connection.createStatement().execute("INSERT INTO read_model.policy_limit (policy_code, role, amount) "
                + "VALUES ('%s', '%s', %s)".formatted(code, role, amount));
    }

    private static void version(Connection connection, String code, int version, String limits, String changedTerms,
                                String proposalId, String motivatingIds, String changedBy, String at)
            throws Exception {
        connection.createStatement().execute("""
                INSERT INTO read_model.policy_version (policy_code, version, title, purpose, kind, unit, currency,
                    own_authority_limits, monthly_budget, within_bounds, changed_terms, proposal_id,
                    motivating_exception_ids, changed_by, changed_at)
                VALUES ('%s', %d, 'Title of %s', 'Why', 'BENDABLE', 'DAYS', 'EUR', '%s', 250, %s, %s, %s, %s, %s,
                    '%s')"""
                .formatted(code, version, code, limits, !limits.contains("null"), changedTerms, proposalId,
                        motivatingIds, changedBy, at));
    }

    private static void sealedProposal(Connection connection, String code, String keyId, String sealed, String at)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO read_model.rule_change_proposal (proposal_id, policy_code, policy_version, proposal_key_id,
                    proposal_sealed, cited_exception_ids, proposed_by, proposed_at)
                VALUES (?, ?, 1, ?, ?, '{}', 'alice', ?::timestamptz)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, code);
            insert.setString(3, keyId);
            insert.setString(4, sealed);
            insert.setString(5, at);
            insert.executeUpdate();
        }
    }

    private static void proposal(Connection connection, UUID proposalId, String code, int version, String text,
                                 String citedIds, String at, String adoptedIn) throws Exception {
        connection.createStatement().execute("""
                INSERT INTO read_model.rule_change_proposal (proposal_id, policy_code, policy_version, proposal,
                    cited_exception_ids, proposed_by, proposed_at, adopted_in_version)
                VALUES ('%s', '%s', %d, '%s', %s, 'alice', '%s', %s)"""
                .formatted(proposalId, code, version, text, citedIds, at, adoptedIn));
    }
}
