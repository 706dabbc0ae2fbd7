package dev.leeway.projection.parking;

import dev.leeway.projection.stream.ParkedEventReplay;
import dev.leeway.projection.stream.ReplaySummary;
import dev.leeway.projection.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For operators (ADMIN, see SecurityConfiguration): what is parked and why, and replay once the cause is fixed. */
@RestController
@RequestMapping(path = "/projections/parked", produces = MediaType.APPLICATION_JSON_VALUE)
class ParkedEventsController {

    private static final Logger log = LoggerFactory.getLogger(ParkedEventsController.class);
    private static final int MAX_PAGE = 100_000;
    private static final int MAX_SIZE = 200;

    private final ParkedEventListing listing;
    private final ParkedEventReplay replay;
    private final ParkingStatus status;

    ParkedEventsController(ParkedEventListing listing, ParkedEventReplay replay, ParkingStatus status) {
        this.listing = listing;
        this.replay = replay;
        this.status = status;
    }

    @GetMapping
    ParkedEventPageView list(@RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || page > MAX_PAGE) {
            throw ApiProblem.invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblem.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        return listing.page(page, size);
    }

    @PostMapping("/replay")
    ReplaySummary replay(@AuthenticationPrincipal Jwt operator) {
        log.info("Replay of parked events requested by {}", operator.getSubject());
        try {
            return replay.replayAll();
        } finally {
            status.forget();
        }
    }
}
