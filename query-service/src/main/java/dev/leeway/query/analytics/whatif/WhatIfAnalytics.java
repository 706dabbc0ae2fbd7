package dev.leeway.query.analytics.whatif;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.query.analytics.AnalyticsWindow;
import dev.leeway.query.web.ApiProblem;
import org.springframework.stereotype.Service;

import java.util.Currency;

/**
 * What a policy's past bends would have done under proposed terms: each bend of the policy on a case opened in
 * the window, in the order asked, through the command side's own guardrails ({@link WhatIfReplay}), tallied
 * against how it actually went. The one entry point for the API and the dashboard. Reads only.
 */
@Service
public class WhatIfAnalytics {

    private final BendHistory history;

    WhatIfAnalytics(BendHistory history) {
        this.history = history;
    }

    /**
     * @throws ApiProblem VALIDATION_FAILED for a malformed policy code, window or terms the rulebook would refuse;
     *                    POLICY_NOT_FOUND for a policy the rulebook does not hold
     */
    public WhatIfView replay(WhatIfRequest request) {
        PolicyCode code = policyCode(request.policyCode());
        AnalyticsWindow window = AnalyticsWindow.requested(request.from(), request.to());
        BendHistory.PolicyInForce policy = history.policy(code).orElseThrow(() ->
                new ApiProblem(ErrorCode.POLICY_NOT_FOUND, "No policy " + code + "."));
        PolicyTerms terms = ProposedTerms.of(request, policy);
        WhatIfReplay replay = new WhatIfReplay(code, terms);
        WhatIfTally tally = new WhatIfTally(Currency.getInstance(policy.currency()));
        history.inOrderAsked(code, window, bend -> tally.add(bend, WhatIfReplay.actual(bend), replay.proposed(bend)));
        return tally.view(code.value(), request.from(), request.to());
    }

    private static PolicyCode policyCode(String code) {
        try {
            return new PolicyCode(code);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED, "policyCode must be 2 to 50 upper-case letters, "
                    + "digits or dashes.");
        }
    }
}
