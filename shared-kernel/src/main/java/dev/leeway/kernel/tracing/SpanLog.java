package dev.leeway.kernel.tracing;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Every finished, sampled span as one log line (logger {@code dev.leeway.tracing}): its name, trace id, span id,
 * parent and duration, so that a trace can be followed across the services' logs without a tracing backend
 * ({@code grep <trace id> .leeway/logs/*.log}). Names and ids only: no tag values, which could carry request data.
 * On when {@code LEEWAY_TRACING_LOG_SPANS=true} (the local platform sets it).
 */
public final class SpanLog implements SpanReporter {

    private static final Logger log = LoggerFactory.getLogger("dev.leeway.tracing");

    @Override
    public void report(FinishedSpan span) {
        log.info("span {} trace={} span={} parent={} kind={} {} ms", span.getName(), span.getTraceId(),
                span.getSpanId(), span.getParentId() == null ? "-" : span.getParentId(), span.getKind(),
                Duration.between(span.getStartTimestamp(), span.getEndTimestamp()).toMillis());
    }

    @Override
    public void close() {
    }
}
