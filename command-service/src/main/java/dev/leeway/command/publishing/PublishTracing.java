package dev.leeway.command.publishing;

import dev.leeway.kernel.messaging.EventHeaders;
import dev.leeway.kernel.tracing.TraceParent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Continues a traced request's trace through the publisher: an event whose metadata carries a
 * {@link TraceParent} is sent inside a {@code leeway.publish} span, child of the request's span, which ends when
 * Kafka acknowledges the record; the record's {@code traceparent} header names that span, for the projections to
 * continue. Events of untraced requests are sent as they are.
 */
class PublishTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    PublishTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Without tracing (no tracer in the context): sends as they are. */
    static PublishTracing off() {
        return new PublishTracing(null, null);
    }

    CompletableFuture<?> send(Object traceParent, ProducerRecord<String, String> record,
                              Supplier<CompletableFuture<?>> send) {
        if (tracer == null || TraceParent.parse(traceParent == null ? null : traceParent.toString()).isEmpty()) {
            return send.get();
        }
        Span span = propagator.extract(traceParent.toString(),
                        (carrier, key) -> EventHeaders.TRACE_PARENT.equals(key) ? carrier : null)
                .name("leeway.publish").kind(Span.Kind.PRODUCER)
                .tag("messaging.destination.name", record.topic())
                .start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            record.headers().remove(EventHeaders.TRACE_PARENT);
            propagator.inject(span.context(), record, (carrier, key, value) ->
                    carrier.headers().add(key, value.getBytes(StandardCharsets.UTF_8)));
            return send.get().whenComplete((acknowledged, failure) -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            });
        } catch (RuntimeException e) {
            span.error(e);
            span.end();
            throw e;
        }
    }
}
