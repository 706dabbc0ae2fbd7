package dev.leeway.command.support;

import dev.leeway.infra.LocalInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the service under test at this JVM's real PostgreSQL and Kafka, through the same variables as in production. */
public final class Infrastructure {

    private Infrastructure() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    public static LocalInfrastructure servers() {
        return LocalInfrastructure.shared();
    }
}
