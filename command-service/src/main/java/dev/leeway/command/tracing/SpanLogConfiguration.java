package dev.leeway.command.tracing;

import dev.leeway.kernel.tracing.SpanLog;
import io.micrometer.tracing.exporter.SpanReporter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Finished spans in the log when {@code LEEWAY_TRACING_LOG_SPANS=true} ({@link SpanLog}). */
@Configuration(proxyBeanMethods = false)
class SpanLogConfiguration {

    @Bean
    @ConditionalOnProperty(name = "leeway.tracing.log-spans", havingValue = "true")
    SpanReporter spanLog() {
        return new SpanLog();
    }
}
