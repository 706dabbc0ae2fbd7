package dev.leeway.projection.rebuild;

import dev.leeway.projection.stream.Projection;
import dev.leeway.projection.stream.ProjectionCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * GET /projections as metrics, per projection: whether it is rebuilding, and a running rebuild's progress.
 * (Parked events and lag are the stream's own metrics.)
 */
@Component
class ProjectionStatusMetrics {

    ProjectionStatusMetrics(ProjectionCatalog projections, Rebuilds rebuilds, MeterRegistry registry) {
        for (Projection projection : projections.all()) {
            String name = projection.name();
            Gauge.builder("leeway.projection.rebuilding", rebuilds, r -> r.running(name) ? 1 : 0)
                    .description("1 while a rebuild of the read model runs").tag("projection", name)
                    .register(registry);
            Gauge.builder("leeway.projection.rebuild.done", rebuilds,
                            r -> r.latest(name).map(RebuildView::eventsDone).orElse(0L))
                    .description("Events the running or last rebuild has replayed").tag("projection", name)
                    .baseUnit("events").register(registry);
            Gauge.builder("leeway.projection.rebuild.total", rebuilds,
                            r -> r.latest(name).map(RebuildView::eventsTotal).orElse(0L))
                    .description("Events the running or last rebuild has to replay").tag("projection", name)
                    .baseUnit("events").register(registry);
        }
    }
}
