package dev.leeway.kernel.web;

/**
 * Which HTTP header values the services let through: every character assigned in Unicode and none a control
 * character. That is Spring Security's own rule ({@code StrictHttpFirewall}'s
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}), checked without a regular expression: the regular expression looked up two Unicode properties for each of the
 * ~800 characters of every request's bearer token, a tenth of command-service's CPU per command. Printable ASCII,
 * which tokens are made of, is decided by one comparison per character.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    public static boolean allowed(String value) {
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                i++;
                continue;
            }
            int codePoint = value.codePointAt(i);
            if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.UNASSIGNED) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
