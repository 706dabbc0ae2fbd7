package dev.leeway.command.policies.web;

import dev.leeway.command.messaging.CommandSender;
import dev.leeway.command.policies.ProposeRuleChangeCommand;
import dev.leeway.command.policies.PutPolicyCommand;
import dev.leeway.command.policies.RetirePolicyCommand;
import dev.leeway.command.web.IdempotentRequests;
import dev.leeway.command.web.InvalidRequestValue;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.policies.ProposalId;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rulebook's commands: policy owners define, revise and retire policies, and anyone on staff may propose a
 * change. Reading the rulebook is query-service's ({@code GET /policies...}), like every other read.
 */
@RestController
@RequestMapping(path = "/policies", produces = MediaType.APPLICATION_JSON_VALUE)
class PolicyController {

    private final CommandSender commands;
    private final IdempotentRequests idempotent;
    private final IdGenerator ids;

    PolicyController(CommandSender commands, IdempotentRequests idempotent, IdGenerator ids) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.ids = ids;
    }

    /** Defines the policy (version 1) or revises it (version + 1); unchanged terms change nothing. */
    @PutMapping(path = "/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> put(@PathVariable String code, @Valid @RequestBody PutPolicyRequest request) {
        return idempotent.execute(request, () -> {
            PolicyCode policyCode = policyCode(code);
            int version = commands.sendToPolicy(new PutPolicyCommand(policyCode, terms(request),
                    request.proposalId() == null ? null : new ProposalId(request.proposalId()),
                    exceptionIds(request.motivatingExceptionIds())));
            return ResponseEntity.ok().eTag("\"" + version + "\"").body(new PolicyChangedResponse(code, version));
        });
    }

    @PostMapping(path = "/{code}/retirement", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> retire(@PathVariable String code, @Valid @RequestBody RetirementRequest request) {
        return idempotent.execute(request, () -> {
            int version = commands.sendToPolicy(new RetirePolicyCommand(policyCode(code), request.reason()));
            return ResponseEntity.ok().body(new PolicyChangedResponse(code, version));
        });
    }

    /** The front line's voice: anyone on staff may propose a rule change, citing the bends that show why. */
    @PostMapping(path = "/{code}/proposals", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> propose(@PathVariable String code, @Valid @RequestBody ProposalRequest request) {
        return idempotent.execute(request, () -> {
            ProposalId proposalId = new ProposalId(ids.generateId());
            commands.sendToPolicy(new ProposeRuleChangeCommand(policyCode(code), proposalId, request.proposal(),
                    exceptionIds(request.citedExceptionIds())));
            return ResponseEntity.created(URI.create("/policies/" + code + "/proposals/" + proposalId))
                    .body(new ProposalResponse(code, proposalId.toString()));
        });
    }

    private static PolicyCode policyCode(String code) {
        return InvalidRequestValue.convert("code", () -> new PolicyCode(code));
    }

    private static PolicyTerms terms(PutPolicyRequest request) {
        Currency currency = InvalidRequestValue.convert("currency", () -> Currency.getInstance(request.currency()));
        Map<Role, Money> limits = new EnumMap<>(Role.class);
        if (request.ownAuthorityLimits() != null) {
            for (Map.Entry<Role, BigDecimal> limit : request.ownAuthorityLimits().entrySet()) {
                limits.put(limit.getKey(), InvalidRequestValue.convert("ownAuthorityLimits." + limit.getKey(),
                        () -> new Money(limit.getValue(), currency)));
            }
        }
        Money budget = InvalidRequestValue.convert("monthlyBudgetPerAgent",
                () -> new Money(request.monthlyBudgetPerAgent(), currency));
        return new PolicyTerms(request.title(), request.purpose(), request.kind(), request.unit(), limits, budget);
    }

    private static List<ExceptionId> exceptionIds(List<UUID> ids) {
        return ids == null ? List.of() : ids.stream().map(ExceptionId::new).toList();
    }
}
