package dev.leeway.query.analytics.whatif;

import dev.leeway.query.web.ApiDocumentation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


@RestController
@RequestMapping(path = "/analytics/what-if", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics what-if", description = "What a policy's past bends would have done under other terms.")
@SecurityRequirement(name = ApiDocumentation.BEARER, scopes = "ANALYST")
class WhatIfController {

    private final WhatIfAnalytics whatIf;

    WhatIfController(WhatIfAnalytics whatIf) {
        this.whatIf = whatIf;
    }

    /** A POST because the terms are a document, not a filter; it reads only and writes nothing (no event, no row). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replay a policy's past bends under proposed terms",
            description = "Replays every bend of the policy on cases opened in [from, to), in the order they were "
                    + "asked for (requested_at, case, sequence), through the same guardrails command-service "
                    + "decides with: refused outright (HARD rule, another currency, a stored value beyond bounds), "
                    + "else granted on own authority when the requester's best role's limit covers the value and "
                    + "their monthly budget (per person, per policy, per UTC month, counting only own-authority "
                    + "grants of the replay) still holds it, else to a second person, or refused when nobody's "
                    + "limit covers it (NOBODY_CAN_APPROVE). Requester and roles are those recorded when the bend "
                    + "was asked. `actual` classifies the same bends as they went: OWN_LIMIT grants as own "
                    + "authority; bends sent to a second person with no approver role and never granted as "
                    + "refused (NOBODY_CAN_APPROVE); the rest as second person. `transitions` pairs the two, with "
                    + "the CSAT of the cases involved. Writes nothing. 400 VALIDATION_FAILED for terms the "
                    + "rulebook would refuse (negative, beyond 1,000,000,000, more decimals than the currency "
                    + "has, another currency than the policy's); 404 POLICY_NOT_FOUND.")
    WhatIfView whatIf(@Valid @RequestBody WhatIfRequest request) {
        return whatIf.replay(request);
    }
}
