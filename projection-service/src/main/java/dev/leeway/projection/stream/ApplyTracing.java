package dev.leeway.projection.stream;

import dev.leeway.kernel.messaging.EventHeaders;
import dev.leeway.kernel.tracing.TraceParent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Continues a traced request's trace into the read models: each record that carries a {@code traceparent} header
 * (set by the publisher on events of traced requests) gets a {@code leeway.project} span, child of the publisher's,
 * from the start of its batch until the batch's transaction has committed (or failed). Records without one are
 * applied untraced.
 */
@Component
class ApplyTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    ApplyTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
    }

    /** A started span for each traced record of the batch. */
    List<Span> started(List<ConsumerRecord<String, String>> records) {
        List<Span> spans = new ArrayList<>();
        if (tracer == null || propagator == null) {
            return spans;
        }
        for (ConsumerRecord<String, String> record : records) {
            Header header = record.headers().lastHeader(EventHeaders.TRACE_PARENT);
            if (header == null) {
                continue;
            }
            String parent = new String(header.value(), StandardCharsets.UTF_8);
            if (TraceParent.parse(parent).isEmpty()) {
                continue;
            }
            Header type = record.headers().lastHeader(EventHeaders.TYPE);
            spans.add(propagator.extract(parent,
                            (carrier, key) -> EventHeaders.TRACE_PARENT.equals(key) ? carrier : null)
                    .name("leeway.project").kind(Span.Kind.CONSUMER)
                    .tag("leeway.event.type", type == null ? "unknown"
                            : simpleName(new String(type.value(), StandardCharsets.UTF_8)))
                    .start());
        }
        return spans;
    }

    void finished(List<Span> spans, RuntimeException failure) {
        for (Span span : spans) {
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        }
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
