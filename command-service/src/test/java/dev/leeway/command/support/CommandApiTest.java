package dev.leeway.command.support;

import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.identity.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Base of the HTTP integration tests: command-service on a random port, on this JVM's real PostgreSQL and Kafka,
 * accepting tokens signed by the test's local key. All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
public abstract class CommandApiTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;

    /** Requests made as {@code userId} holding {@code roles}. */
    protected ApiClient as(String userId, Role... roles) {
        String token = LocalInfrastructure.shared().tokens().mint(userId,
                Arrays.stream(roles).map(Role::name).toList(), Duration.ofMinutes(30));
        return new ApiClient(baseUrl(), token, Map.of());
    }

    protected ApiClient anonymous() {
        return new ApiClient(baseUrl(), null, Map.of());
    }

    protected ApiClient withToken(String token) {
        return new ApiClient(baseUrl(), token, Map.of());
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
    }

    /** A fresh name, so that tests sharing one database never see each other's people or policies. */
    /** The person's own-authority budget used, as the command side keeps it: "policy month currency=amount". */
    protected List<String> budgetUsed(String actorId) {
        return jdbc.queryForList("""
                SELECT policy_code || ' ' || month || ' ' || currency || '=' || used::numeric(19, 2)
                FROM event_store.own_authority_usage WHERE actor_id = ? AND used > 0 ORDER BY 1""",
                String.class, actorId);
    }

    /**
     * The same, recounted from the events alone: the person's grants on their own authority, per policy, month (the
     * original time of imported history, else the store's time) and currency.
     */
    protected List<String> budgetUsedRecountedFromEvents(String actorId) {
        return jdbc.queryForList("""
                SELECT policy || ' ' || month || ' ' || currency || '=' || sum(amount)::numeric(19, 2)
                FROM (SELECT payload::jsonb ->> 'policyCode' AS policy,
                             to_char(coalesce(meta_data::jsonb ->> 'occurredAt', time_stamp)::timestamptz
                                     AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
                             payload::jsonb -> 'valueGiven' ->> 'currency' AS currency,
                             (payload::jsonb -> 'valueGiven' ->> 'amount')::numeric AS amount
                      FROM event_store.domain_event_entry
                      WHERE payload_type = 'dev.leeway.kernel.cases.ExceptionGranted'
                        AND payload::jsonb ->> 'authority' = 'OWN_LIMIT'
                        AND payload::jsonb ->> 'requestedBy' = ?) grants
                GROUP BY policy, month, currency ORDER BY 1""", String.class, actorId);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Defines a bendable policy in EUR: agents may give {@code agentLimit}, supervisors {@code supervisorLimit}. */
    protected String definePolicy(String kind, String unit, int agentLimit, int supervisorLimit, int monthlyBudget) {
        String code = unique("RULE");
        ApiClient.Response response = as("olivia", Role.POLICY_OWNER).put("/policies/" + code, """
                {"title":"%s","purpose":"Test rule","kind":"%s","unit":"%s","currency":"EUR",
                 "ownAuthorityLimits":{"AGENT":%d,"SUPERVISOR":%d},"monthlyBudgetPerAgent":%d}"""
                .formatted(code, kind, unit, agentLimit, supervisorLimit, monthlyBudget));
        if (response.status() != 200) {
            throw new IllegalStateException("could not define policy: " + response.body());
        }
        return code;
    }

    protected String openCase(ApiClient agent) {
        ApiClient.Response response = agent.post("/cases", """
                {"customerId":"CUST-1","channel":"PHONE","subject":"Help","description":"Please"}""");
        if (response.status() != 201) {
            throw new IllegalStateException("could not open a case: " + response.body());
        }
        return response.text("caseId");
    }
}
