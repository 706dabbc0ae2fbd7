package dev.leeway.kernel.cases;

/**
 * How a customer reached us. Recorded, never policed: every channel is accepted for every kind of case.
 */
public enum Channel {
    PHONE,
    EMAIL,
    WEB,
    CHAT,
    SOCIAL,
    IN_PERSON,
    OTHER
}
