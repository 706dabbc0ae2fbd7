package dev.leeway.command.privacy;

import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.privacy.PersonalText;

/** Seals customers' personal text with their own keys, and forgets those keys on request. */
public interface PersonalDataVault {

    /** {@code text} sealed with the customer's current key (made on first use); null stays null. */
    PersonalText seal(CustomerId customer, String text);

    /** Destroys every key of the customer; answers how many were destroyed (0 when already erased). */
    int destroyKeys(CustomerId customer);
}
