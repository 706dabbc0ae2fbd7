package dev.leeway.command.privacy;

/** How many live keys a customer has, counted (and locked) before an erasure reaches its aggregate. */
public record LiveKeys(int count) {
}
