package dev.leeway.command.web;

import dev.leeway.command.support.ApiClient;
import dev.leeway.command.support.CommandApiTest;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.infra.LocalTokens;
import dev.leeway.kernel.identity.Role;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint refuses a missing, expired or foreign token (401) and a role it does not serve (403). */
class SecurityIT extends CommandApiTest {

    private static final String CASE = UUID.randomUUID().toString();
    private static final String BEND = UUID.randomUUID().toString();

    @TempDir
    static Path otherKeys;

    static Stream<Arguments> endpoints() {
        return Stream.of(
                endpoint("POST", "/cases", "{\"customerId\":\"C\",\"channel\":\"WEB\",\"subject\":\"s\"}", Role.ANALYST),
                endpoint("POST", "/cases/" + CASE + "/interactions",
                        "{\"channel\":\"WEB\",\"direction\":\"IN\",\"summary\":\"s\"}", Role.AUDITOR),
                endpoint("POST", "/cases/" + CASE + "/assignment", "{\"assignee\":\"bob\"}", Role.POLICY_OWNER),
                endpoint("POST", "/cases/" + CASE + "/exceptions", """
                        {"policyCode":"X1","deviation":1,"valueGiven":{"amount":1,"currency":"EUR"},
                         "reasonCode":"R","justification":"j"}""", Role.ANALYST),
                endpoint("POST", "/cases/" + CASE + "/exceptions/" + BEND + "/decision",
                        "{\"decision\":\"APPROVE\"}", Role.AGENT),
                endpoint("POST", "/cases/" + CASE + "/exceptions/" + BEND + "/review",
                        "{\"verdict\":\"UPHELD\"}", Role.AGENT),
                endpoint("POST", "/cases/" + CASE + "/resolution", "{\"outcome\":\"SOLVED\",\"summary\":\"s\"}", Role.ADMIN),
                endpoint("POST", "/cases/" + CASE + "/satisfaction", "{\"score\":5}", Role.ANALYST),
                endpoint("POST", "/cases/" + CASE + "/reopening", "{\"reason\":\"r\"}", Role.AUDITOR),
                endpoint("PUT", "/policies/SOME-RULE", """
                        {"title":"t","purpose":"p","kind":"BENDABLE","unit":"DAYS","currency":"EUR",
                         "monthlyBudgetPerAgent":1}""", Role.SUPERVISOR),
                endpoint("POST", "/policies/SOME-RULE/retirement", "{\"reason\":\"r\"}", Role.AGENT),
                endpoint("POST", "/policies/SOME-RULE/proposals", "{\"proposal\":\"p\"}", Role.ANALYST),
                endpoint("POST", "/customers/CUST-X/erasure", "", Role.SUPERVISOR),
                endpoint("POST", "/audit/checkpoints", "", Role.AGENT),
                endpoint("POST", "/imports/cases", "{\"sourceId\":\"S-1\"}\n", Role.SUPERVISOR));
    }

    @ParameterizedTest(name = "{0} {1} without a token")
    @MethodSource("endpoints")
    void anEndpointRefusesARequestWithoutAToken(String method, String path, String body, Role forbidden) {
        assertRefused(() -> call(anonymous(), method, path, body), 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest(name = "{0} {1} with an expired token")
    @MethodSource("endpoints")
    void anEndpointRefusesAnExpiredToken(String method, String path, String body, Role forbidden) {
        String expired = LocalInfrastructure.shared().tokens()
                .mint("alice", List.of("AGENT", "SUPERVISOR", "POLICY_OWNER"), Duration.ofMinutes(-5));
        assertRefused(() -> call(withToken(expired), method, path, body), 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest(name = "{0} {1} with a token signed by another key")
    @MethodSource("endpoints")
    void anEndpointRefusesATokenSignedByAnotherKey(String method, String path, String body, Role forbidden) {
        String forged = LocalTokens.in(otherKeys)
                .mint("alice", List.of("AGENT", "SUPERVISOR", "POLICY_OWNER"), Duration.ofMinutes(5));
        assertRefused(() -> call(withToken(forged), method, path, body), 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest(name = "{0} {1} as {3}")
    @MethodSource("endpoints")
    void anEndpointRefusesARoleItDoesNotServe(String method, String path, String body, Role forbidden) {
        assertRefused(() -> call(as("someone", forbidden), method, path, body), 403, "FORBIDDEN");
    }

    /** Sends the request and checks the refusal, counting the stored events before it was sent and after. */
    private void assertRefused(Supplier<ApiClient.Response> request, int status, String code) {
        long before = storedEvents();
        ApiClient.Response response = request.get();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(storedEvents()).isEqualTo(before);
    }

    private static ApiClient.Response call(ApiClient client, String method, String path, String body) {
        return switch (method) {
            case "PUT" -> client.put(path, body);
            default -> client.post(path, body);
        };
    }

    private static Arguments endpoint(String method, String path, String body, Role forbidden) {
        return Arguments.of(method, path, body, forbidden);
    }
}
