package dev.leeway.projection.rebuild;

import dev.leeway.kernel.ErrorCode;
import dev.leeway.projection.stream.ParkedEvents;
import dev.leeway.projection.stream.Projection;
import dev.leeway.projection.stream.ProjectionCatalog;
import dev.leeway.projection.stream.ProjectionMetrics;
import dev.leeway.projection.stream.StreamFailure;
import dev.leeway.projection.stream.StreamState;
import dev.leeway.projection.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/** For operators (ADMIN, see SecurityConfiguration): each read model's state, and rebuilds. */
@RestController
@RequestMapping(path = "/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectionsController {

    private static final Logger log = LoggerFactory.getLogger(ProjectionsController.class);

    private final ProjectionCatalog projections;
    private final Rebuilds rebuilds;
    private final ParkedEvents parked;
    private final ProjectionMetrics metrics;
    private final StreamState stream;
    private final JdbcTemplate jdbc;

    ProjectionsController(ProjectionCatalog projections, Rebuilds rebuilds, ParkedEvents parked,
                          ProjectionMetrics metrics, StreamState stream, JdbcTemplate jdbc) {
        this.projections = projections;
        this.rebuilds = rebuilds;
        this.parked = parked;
        this.metrics = metrics;
        this.stream = stream;
        this.jdbc = jdbc;
    }

    @GetMapping
    List<ProjectionStatusView> all() {
        return projections.all().stream().map(this::status).toList();
    }

    @PostMapping("/{name}/rebuild")
    ResponseEntity<RebuildView> rebuild(@PathVariable String name, @RequestParam(defaultValue = "false") boolean dryRun,
                                        @AuthenticationPrincipal Jwt operator) {
        log.info("Rebuild of {} requested by {}{}", name, operator.getSubject(), dryRun ? " (dry run)" : "");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilds.start(name, dryRun));
    }

    @GetMapping("/{name}/rebuild")
    RebuildView rebuildOf(@PathVariable String name) {
        projection(name);
        return rebuilds.latest(name).orElseThrow(() -> new ApiProblem(ErrorCode.NOT_FOUND,
                "No rebuild of " + name + " has run since this instance started.", List.of()));
    }

    private ProjectionStatusView status(Projection projection) {
        ParkedEvents.ParkedSummary parkedEvents = parked.summary(projection.name());
        Optional<StreamFailure> failure = stream.failure();
        String state = rebuilds.running(projection.name()) ? "REBUILDING"
                : failure.isPresent() ? "STOPPED"
                : parkedEvents.events() > 0 ? "DEGRADED" : "LIVE";
        String lastError = failure.map(StreamFailure::lastError).orElse(parkedEvents.lastReason());
        Position position = jdbc.queryForObject("""
                        SELECT count(*) AS aggregates, coalesce(sum(last_sequence + 1), 0) AS events
                        FROM read_model.projection_position WHERE projection = ?""",
                (row, n) -> new Position(row.getLong("aggregates"), row.getLong("events")), projection.name());
        return new ProjectionStatusView(projection.name(), state, position.aggregates(), position.events(),
                parkedEvents.events(), lastError, metrics.eventsBehind(), metrics.millisBehind(),
                rebuilds.latest(projection.name()).orElse(null));
    }

    private Projection projection(String name) {
        return projections.named(name).orElseThrow(() -> new ApiProblem(ErrorCode.PROJECTION_NOT_FOUND,
                "No projection " + name + "; GET /projections lists them.", List.of()));
    }

    private record Position(long aggregates, long events) {
    }
}
