package dev.leeway.command.cases.web;

public record CaseOpenedResponse(String caseId) {
}
