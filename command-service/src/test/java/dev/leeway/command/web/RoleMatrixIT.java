package dev.leeway.command.web;

import dev.leeway.command.support.CommandApiTest;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.infra.RoleMatrix;
import dev.leeway.kernel.identity.Role;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the OpenAPI document × every role and no token: who gets past the security checks is
 * exactly who this one table says. A new endpoint fails here until someone decides who may call it.
 */
class RoleMatrixIT extends CommandApiTest {

    private static final Set<String> FRONT_LINE = Set.of("AGENT", "SUPERVISOR");

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("POST /cases", FRONT_LINE),
            entry("POST /cases/{caseId}/interactions", FRONT_LINE),
            entry("POST /cases/{caseId}/assignment", FRONT_LINE),
            entry("POST /cases/{caseId}/exceptions", FRONT_LINE),
            entry("POST /cases/{caseId}/exceptions/{exceptionId}/decision", Set.of("SUPERVISOR")),
            entry("POST /cases/{caseId}/exceptions/{exceptionId}/review", Set.of("SUPERVISOR")),
            entry("POST /cases/{caseId}/resolution", FRONT_LINE),
            entry("POST /cases/{caseId}/satisfaction", FRONT_LINE),
            entry("POST /cases/{caseId}/reopening", FRONT_LINE),
            entry("PUT /policies/{code}", Set.of("POLICY_OWNER")),
            entry("POST /policies/{code}/retirement", Set.of("POLICY_OWNER")),
            entry("POST /policies/{code}/proposals", Set.of("AGENT", "SUPERVISOR", "POLICY_OWNER")),
            entry("POST /customers/{customerId}/erasure", Set.of("ADMIN")),
            entry("POST /audit/checkpoints", Set.of("AUDITOR", "ADMIN")),
            entry("POST /imports/cases", Set.of("ADMIN")));

    @Test
    void everyDocumentedOperationLetsThroughExactlyTheRolesItsTableAllowsAndNobodyWithoutAToken() throws Exception {
        RoleMatrix matrix = new RoleMatrix(URI.create(baseUrl()), LocalInfrastructure.shared().tokens());
        Set<String> operations = matrix.operations();

        assertThat(operations).as("documented operations").containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
        assertThat(matrix.allowed(operations, Arrays.stream(Role.values()).map(Role::name).toList()))
                .as("who got past the security checks").containsExactlyInAnyOrderEntriesOf(ALLOWED);
    }
}
