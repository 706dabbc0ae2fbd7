package dev.leeway.query.web;

import dev.leeway.infra.ApiFuzzer;
import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.query.support.RunningQueryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand spoiled requests from the OpenAPI document (see {@link ApiFuzzer}): no 5xx, every refusal a
 * problem+json with a stable code, and the service healthy afterwards. The seed is the day's date unless
 * {@code -Dleeway.fuzz.seed} says otherwise; a failure prints it, so it reproduces. query-service stores no events.
 */
class FuzzIT extends RunningQueryService {

    @Test
    void spoiledRequestsGetNoServerErrorAndOnlyStableProblems(@TempDir Path scratch) throws Exception {
        long seed = Long.getLong("leeway.fuzz.seed", Long.parseLong(LocalDate.now().toString().replace("-", "")));
        URI service = service();
        ApiFuzzer fuzzer = new ApiFuzzer(service, LocalInfrastructure.shared().tokens(), seed,
                Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet()), null, scratch);

        ApiFuzzer.Report report = fuzzer.run(Integer.getInteger("leeway.fuzz.requests", 10_000));

        System.out.printf("query-service fuzzer, seed %d (-Dleeway.fuzz.seed=%d): %,d requests; by spoil %s; "
                + "by status %s; findings %d%n", seed, seed, report.requests(), report.bySpoil(), report.byStatus(),
                report.findings().size());
        assertThat(report.findings()).as("seed " + seed).isEmpty();
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.resolve("/actuator/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("healthy afterwards").isEqualTo(200);
    }
}
