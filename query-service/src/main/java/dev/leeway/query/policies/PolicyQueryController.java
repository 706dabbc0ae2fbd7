package dev.leeway.query.policies;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.query.web.ApiDocumentation;
import dev.leeway.query.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/policies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Policies", description = "The rulebook as the read model holds it: terms in force, every version, and "
        + "the rule-change proposals. Policy owners change it through command-service.")
@SecurityRequirement(name = ApiDocumentation.BEARER, scopes = {"AGENT", "SUPERVISOR", "POLICY_OWNER", "ANALYST", "AUDITOR"})
class PolicyQueryController {

    private final PolicyRepository policies;

    PolicyQueryController(PolicyRepository policies) {
        this.policies = policies;
    }

    @GetMapping
    @Operation(summary = "Every policy's terms in force", description = "By policy code, retired ones included.")
    List<PolicyView> all() {
        return policies.all();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One policy's terms in force",
            description = "Amounts stored before today's bounds existed are null, with withinBounds false. "
                    + "404 POLICY_NOT_FOUND.")
    PolicyView one(@PathVariable String code) {
        return policies.find(policyCode(code)).orElseThrow(() -> notFound(code));
    }

    @GetMapping("/{code}/versions")
    @Operation(summary = "Every version of a policy",
            description = "Oldest first, each with its terms, the terms it changed, and the proposal and bends "
                    + "that motivated it. 404 POLICY_NOT_FOUND.")
    List<PolicyVersionView> versions(@PathVariable String code) {
        PolicyCode policyCode = existing(code);
        return policies.versionsOf(policyCode);
    }

    @GetMapping("/{code}/proposals")
    @Operation(summary = "Rule-change proposals for a policy",
            description = "Oldest first, each with the bends it cites and the version that adopted it, if any. "
                    + "404 POLICY_NOT_FOUND.")
    List<RuleChangeProposalView> proposals(@PathVariable String code) {
        PolicyCode policyCode = existing(code);
        return policies.proposalsOf(policyCode);
    }

    private PolicyCode existing(String code) {
        PolicyCode policyCode = policyCode(code);
        if (!policies.exists(policyCode)) {
            throw notFound(code);
        }
        return policyCode;
    }

    private static PolicyCode policyCode(String code) {
        try {
            return new PolicyCode(code);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, "code must be 2 to 50 upper-case letters, digits or "
                    + "dashes.");
        }
    }

    private static ApiProblem notFound(String code) {
        return new ApiProblem(ErrorCode.POLICY_NOT_FOUND, "No policy " + code + ".");
    }
}
