package dev.leeway.command.policies.web;

public record ProposalResponse(String policyCode, String proposalId) {
}
