package dev.leeway.command.cases.web;

/** The case's id and its version after the write (also sent as the ETag). */
public record CaseChangedResponse(String caseId, long version) {
}
