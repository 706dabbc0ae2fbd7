package dev.leeway.query.support;

import dev.leeway.infra.LocalInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;

/**
 * query-service on a random port, on the test JVM's PostgreSQL with the event store's and the read models'
 * tables, accepting tokens signed by the local key. Tests that only talk HTTP to the service extend this one
 * class, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
public abstract class RunningQueryService {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The audit API records every read in the event store's access log: it needs the event store's tables. */
    @BeforeAll
    static void schemas() {
        EventStoreFixture.migrate();
    }

    @LocalServerPort
    protected int port;

    protected URI service() {
        return URI.create("http://localhost:" + port);
    }
}
