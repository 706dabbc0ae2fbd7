package dev.leeway.kernel.identity;

/** What a person may do in Leeway; taken from the token, never from a request body. */
public enum Role {
    AGENT,
    SUPERVISOR,
    POLICY_OWNER,
    ANALYST,
    AUDITOR,
    ADMIN
}
