package dev.leeway.kernel.customers;

import org.axonframework.serialization.Revision;

/**
 * The customer's personal data was forgotten: every key their text was sealed with is destroyed. Events keep
 * their bytes (and their hashes); readers show the text as erased. Nothing else about their cases changes.
 */
@Revision("1")
public record CustomerDataErased(CustomerId customerId, int keysDestroyed) {
}
