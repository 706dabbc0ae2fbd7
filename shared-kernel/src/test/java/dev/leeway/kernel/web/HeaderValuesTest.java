package dev.leeway.kernel.web;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderValuesTest {

    /** Spring Security's StrictHttpFirewall default for header values, which HeaderValues replaces. */
    private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void decidesEveryCodePointAsSpringSecuritysDefaultDoes() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String value = "Bearer x" + new String(Character.toChars(codePoint)) + "y";
            assertThat(HeaderValues.allowed(value)).as("U+%04X", codePoint)
                    .isEqualTo(SPRING_DEFAULT.matcher(value).matches());
        }
    }

    @Test
    void decidesRandomMixesAndLoneSurrogatesAsSpringSecuritysDefaultDoes() {
        Random random = new Random(20261201L);
        char[] alphabet = {'a', 'Z', '.', '-', ' ', '\t', '\u0000', '\u007f', '\u0085', '\u00e9', '\ud83d', '\ude00',
                '\udbff', '\u0378', '\u200b', '\ufeff'};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                value.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertThat(HeaderValues.allowed(value.toString())).as(value.chars().mapToObj(Integer::toHexString)
                    .toList().toString()).isEqualTo(SPRING_DEFAULT.matcher(value).matches());
        }
    }

    @Test
    void aBearerTokenPassesAndAnInjectedLineBreakDoesNot() {
        assertThat(HeaderValues.allowed("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJl")).isTrue();
        assertThat(HeaderValues.allowed("Bearer abc\r\nX-Injected: 1")).isFalse();
    }
}
