package dev.leeway.command.privacy;

import dev.leeway.kernel.privacy.PersonalText;

/**
 * Seals a customer's free text with their current key, in memory: the key was looked up before the command reached
 * its aggregate ({@link CustomerKeys}), so a handler seals without touching the database.
 */
@FunctionalInterface
public interface TextSealer {

    /** {@code text} sealed; null stays null. */
    PersonalText seal(String text);
}
