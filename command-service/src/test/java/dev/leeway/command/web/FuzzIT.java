package dev.leeway.command.web;

import dev.leeway.command.support.CommandApiTest;
import dev.leeway.infra.ApiFuzzer;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand spoiled requests from the OpenAPI document (see {@link ApiFuzzer}): no 5xx, every refusal a
 * problem+json with a stable code that stored no event, and the service healthy afterwards. The seed is the day's
 * date unless {@code -Dleeway.fuzz.seed} says otherwise; a failure prints it, so it reproduces.
 */
class FuzzIT extends CommandApiTest {

    @Test
    void spoiledRequestsGetNoServerErrorOnlyStableProblemsAndStoreNothingWhenRefused(@TempDir Path scratch)
            throws Exception {
        long seed = Long.getLong("leeway.fuzz.seed", Long.parseLong(LocalDate.now().toString().replace("-", "")));
        ApiFuzzer fuzzer = new ApiFuzzer(URI.create(baseUrl()), LocalInfrastructure.shared().tokens(), seed,
                Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet()),
                () -> jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM event_store.domain_event_entry",
                        Long.class), scratch);

        ApiFuzzer.Report report = fuzzer.run(Integer.getInteger("leeway.fuzz.requests", 10_000));

        System.out.printf("command-service fuzzer, seed %d (-Dleeway.fuzz.seed=%d): %,d requests; by spoil %s; "
                + "by status %s; findings %d%n", seed, seed, report.requests(), report.bySpoil(), report.byStatus(),
                report.findings().size());
        assertThat(report.findings()).as("seed " + seed).isEmpty();
        assertThat(anonymous().get("/actuator/health").status()).as("healthy afterwards").isEqualTo(200);
    }
}
