package dev.leeway.command.privacy;

/** How many live keys a customer has, counted before an erasure reaches its aggregate. */
public record LiveKeys(int count) {
}
