package dev.leeway.command.policies.web;

public record PolicyChangedResponse(String policyCode, int version) {
}
