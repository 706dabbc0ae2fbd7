package dev.leeway.query.web;

import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.infra.RoleMatrix;
import dev.leeway.kernel.identity.Role;
import dev.leeway.query.support.RunningQueryService;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the OpenAPI document × every role and no token: who gets past the security checks is
 * exactly who this one table says. A new endpoint fails here until someone decides who may call it.
 */
class RoleMatrixIT extends RunningQueryService {

    /** Everyone who works cases or rules, and those who look at them; not ADMIN, who runs the platform. */
    private static final Set<String> STAFF = Set.of("AGENT", "SUPERVISOR", "POLICY_OWNER", "ANALYST", "AUDITOR");
    private static final Set<String> ANALYST = Set.of("ANALYST");
    private static final Set<String> AUDITOR = Set.of("AUDITOR");

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("GET /cases", STAFF),
            entry("GET /cases/{caseId}", STAFF),
            entry("GET /policies", STAFF),
            entry("GET /policies/{code}", STAFF),
            entry("GET /policies/{code}/versions", STAFF),
            entry("GET /policies/{code}/proposals", STAFF),
            entry("GET /audit/verification", AUDITOR),
            entry("GET /audit/digest", AUDITOR),
            entry("GET /audit/cases/{caseId}/events", AUDITOR),
            entry("GET /audit/cases/{caseId}/state", AUDITOR),
            entry("GET /audit/exceptions", AUDITOR),
            entry("GET /audit/export", AUDITOR),
            entry("GET /analytics/overrides", ANALYST),
            entry("GET /analytics/outcomes", ANALYST),
            entry("GET /analytics/fairness", ANALYST),
            entry("GET /analytics/resolution", ANALYST),
            entry("GET /analytics/rule-debt", ANALYST),
            entry("POST /analytics/what-if", ANALYST),
            entry("GET /analytics/export/cases", ANALYST),
            entry("GET /analytics/export/case-actors", ANALYST),
            entry("GET /analytics/export/bends", ANALYST));

    @Test
    void everyDocumentedOperationLetsThroughExactlyTheRolesItsTableAllowsAndNobodyWithoutAToken() throws Exception {
        RoleMatrix matrix = new RoleMatrix(service(),
                LocalInfrastructure.shared().tokens());
        Set<String> operations = matrix.operations();

        assertThat(operations).as("documented operations").containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
        assertThat(matrix.allowed(operations, Arrays.stream(Role.values()).map(Role::name).toList()))
                .as("who got past the security checks").containsExactlyInAnyOrderEntriesOf(ALLOWED);
    }
}
