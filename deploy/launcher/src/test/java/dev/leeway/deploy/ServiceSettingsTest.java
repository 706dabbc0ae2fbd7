package dev.leeway.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What every service's own settings promise, read from their files. */
class ServiceSettingsTest {

    private static final Pattern PASSWORD = Pattern.compile("\\$\\{(LEEWAY_\\w*PASSWORD)(:[^}]*)?}");
    /** A fallback to another password's variable: {@code :${LEEWAY_COMMAND_DB_PASSWORD}}. */
    private static final Pattern OTHER_PASSWORD = Pattern.compile(":\\$\\{(LEEWAY_\\w*PASSWORD)");

    @ParameterizedTest
    @ValueSource(strings = {"command-service", "projection-service", "query-service"})
    void databasePasswordsHaveNoDefaultOutsideTheLocalProfile(String service) throws Exception {
        Path resources = Path.of("..", "..", service, "src", "main", "resources");
        String settings = Files.readString(resources.resolve("application.yml"));
        String local = Files.readString(resources.resolve("application-local.yml"));

        Matcher password = PASSWORD.matcher(settings);
        int passwords = 0;
        while (password.find()) {
            passwords++;
            String fallback = password.group(2);
            // None, or another password variable (itself without a default): never a password written here.
            Matcher other = fallback == null ? null : OTHER_PASSWORD.matcher(fallback);
            assertThat(fallback == null || other.matches())
                    .as(password.group() + " in " + service + "'s application.yml").isTrue();
            String defaulted = other == null ? password.group(1) : other.group(1);
            assertThat(local).as("the local profile's default for " + defaulted)
                    .containsPattern("(?m)^" + defaulted + ": ");
        }
        assertThat(passwords).as("passwords " + service + " reads").isPositive();
    }
}
