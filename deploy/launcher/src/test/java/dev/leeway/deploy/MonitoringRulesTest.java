package dev.leeway.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' alert rules ({@code deploy/monitoring/prometheus}) as Prometheus itself reads them: {@code promtool
 * check rules} (syntax, PromQL, templates) and {@code promtool test rules} (each alert fires on the series that
 * should raise it and not on healthy ones). promtool comes with Debian's {@code prometheus} package, which
 * {@code .ci/run} installs.
 */
class MonitoringRulesTest {

    private static final Path RULES = Path.of("../monitoring/prometheus").toAbsolutePath().normalize();

    @Test
    void theAlertRulesAreValidPrometheusRules() throws Exception {
        Result result = promtool("check", "rules", RULES.resolve("leeway-alerts.yml").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 9 rules found");
    }

    @Test
    void eachAlertFiresOnWhatShouldRaiseItAndStaysQuietOnHealthySeries() throws Exception {
        Result result = promtool("test", "rules", RULES.resolve("leeway-alerts.test.yml").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("promtool is needed to check the alert rules: apt-get install -y "
                    + "prometheus (it ships promtool)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
