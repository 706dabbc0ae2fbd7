package dev.leeway.projection.cases;

import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.Outcome;
import dev.leeway.kernel.cases.ReviewVerdict;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.privacy.PersonalText;
import dev.leeway.projection.support.CaseEventRecords;
import dev.leeway.projection.support.RunningProjectionService;
import dev.leeway.projection.stream.BatchOutcome;
import dev.leeway.projection.stream.EventApplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.Direction;
import dev.leeway.projection.support.EventStoreRows;
import java.util.List;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.customers.CustomerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CaseSummaryProjectionIT extends RunningProjectionService {

    @Autowired
    private EventApplier applier;

    private static final Instant OPENED_AT = Instant.parse("2026-11-02T09:15:00Z");

    @Test
    void anOpenedCaseBecomesASummaryRowWithItsPosition() throws Exception {
        UUID caseId = UUID.randomUUID();

        send(CaseEventRecords.caseOpened(caseId, "Refund missing", OPENED_AT));

        Map<String, Object> row = awaitRow(caseId);
        assertThat(row).containsEntry("subject", "Refund missing")
                .containsEntry("channel", "CHAT")
                .containsEntry("customer_id", "CUST-9")
                .containsEntry("status", "OPEN")
                .containsEntry("last_sequence", 0L);
    }

    @Test
    void theSameRecordDeliveredTwiceLeavesOneUnchangedRow() throws Exception {
        UUID caseId = UUID.randomUUID();
        ProducerRecord<String, String> opened = CaseEventRecords.caseOpened(caseId, "Parcel lost", OPENED_AT);
        send(opened);
        Map<String, Object> first = awaitRow(caseId);
        double duplicatesBefore = counter("leeway.projection.events.duplicate");

        send(opened);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> counter("leeway.projection.events.duplicate") >= duplicatesBefore + 1);
        assertThat(rowCount(caseId)).isEqualTo(1);
        assertThat(row(caseId)).isEqualTo(first);
    }

    @Test
    void aLaterEventOfACaseAdvancesItsPositionEvenIfTheSummaryIgnoresItsType() throws Exception {
        UUID caseId = UUID.randomUUID();
        send(CaseEventRecords.caseOpened(caseId, "Wrong size", OPENED_AT));
        awaitRow(caseId);

        send(CaseEventRecords.of(caseId, 1, new InteractionLogged(new CaseId(caseId), Channel.EMAIL, Direction.IN,
                PersonalText.legacy("Wrote again")), OPENED_AT.plus(5, ChronoUnit.MINUTES)));

        await().atMost(Duration.ofSeconds(20)).until(() -> (Long) row(caseId).get("last_sequence") == 1L);
        assertThat(row(caseId)).containsEntry("subject", "Wrong size");
    }

    @Test
    void anEventOfATypeNoCodecKnowsIsParkedNotSkipped() throws Exception {
        UUID caseId = UUID.randomUUID();
        send(CaseEventRecords.caseOpened(caseId, "From the future", OPENED_AT));
        awaitRow(caseId);

        send(CaseEventRecords.caseEvent(caseId, 1, "dev.leeway.kernel.cases.SomethingNewer", "{}",
                "event-" + caseId + "-1", OPENED_AT.plus(5, ChronoUnit.MINUTES)));

        await().atMost(Duration.ofSeconds(20)).until(() -> parkedReasons(caseId).size() == 1);
        assertThat(parkedReasons(caseId).get(0)).contains("SomethingNewer");
        assertThat(row(caseId)).containsEntry("last_sequence", 0L);
    }

    @Test
    void aGapIsFilledFromTheEventStoreSoZeroThenTwoThenOneEndsAtTwo() throws Exception {
        UUID caseId = UUID.randomUUID();
        CaseId id = new CaseId(caseId);
        ProducerRecord<String, String> opened = CaseEventRecords.caseOpened(caseId, "Double charge", OPENED_AT);
        ProducerRecord<String, String> assigned = CaseEventRecords.assigned(caseId, 1, "bob", OPENED_AT.plusSeconds(60));
        ProducerRecord<String, String> resolved = CaseEventRecords.of(caseId, 2,
                new CaseResolved(id, Outcome.SOLVED, PersonalText.legacy("Refunded")), OPENED_AT.plusSeconds(120));
        for (ProducerRecord<String, String> stored : List.of(opened, assigned, resolved)) {
            EventStoreRows.append(stored);
        }
        double gapsBefore = counter("leeway.projection.sequence.gaps");

        send(opened);
        awaitRow(caseId);
        send(resolved);
        await().atMost(Duration.ofSeconds(20)).until(() -> (Long) row(caseId).get("last_sequence") == 2L);
        send(assigned);

        await().atMost(Duration.ofSeconds(20)).until(() -> counter("leeway.projection.events.duplicate") > 0
                && counter("leeway.projection.sequence.gaps") >= gapsBefore + 1);
        assertThat(row(caseId)).containsEntry("last_sequence", 2L).containsEntry("assignee", "bob")
                .containsEntry("status", "RESOLVED");
        assertThat(parkedReasons(caseId)).isEmpty();
    }

    @Test
    void aGapTheEventStoreCannotFillIsParkedNeverDropped() throws Exception {
        UUID caseId = UUID.randomUUID();
        send(CaseEventRecords.caseOpened(caseId, "Lost in transit", OPENED_AT));
        awaitRow(caseId);

        send(CaseEventRecords.assigned(caseId, 2, "bob", OPENED_AT.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(20)).until(() -> parkedReasons(caseId).size() == 1);
        assertThat(parkedReasons(caseId).get(0)).contains("event store does not have");
        assertThat(row(caseId)).containsEntry("last_sequence", 0L);
    }

    private List<String> parkedReasons(UUID caseId) {
        return jdbc.queryForList("SELECT reason FROM read_model.parked_event WHERE projection = 'case_summary'"
                + " AND aggregate_id = ? ORDER BY sequence", String.class, caseId.toString());
    }

    @Test
    void pendingGrantedAndReviewedBendsAndTheResolutionShowOnTheCase() throws Exception {
        UUID caseId = UUID.randomUUID();
        CaseId id = new CaseId(caseId);
        ExceptionId bend = new ExceptionId(UUID.randomUUID());
        PolicyCode policy = new PolicyCode("RETURN-WINDOW");
        Deviation days = new Deviation(BigDecimal.TEN, DeviationUnit.DAYS);
        send(CaseEventRecords.caseOpened(caseId, "Late return", OPENED_AT));
        send(CaseEventRecords.of(caseId, 1, new ExceptionRequested(id, bend, policy, 1, days, Money.of("80", "EUR"),
                "HOSPITAL", PersonalText.legacy("In hospital"), "alice", Role.SUPERVISOR), OPENED_AT.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> bendRows(bend) == 1);
        assertThat(bendRow(bend)).containsEntry("status", "PENDING").containsEntry("approver_role", "SUPERVISOR");

        send(CaseEventRecords.of(caseId, 2, new ExceptionGranted(id, bend, policy, 2, days, Money.of("80", "EUR"),
                "HOSPITAL", PersonalText.legacy("In hospital"), Authority.APPROVED, "alice", "sam"), OPENED_AT.plusSeconds(120)));
        send(CaseEventRecords.of(caseId, 3, new ExceptionReviewed(id, bend, ReviewVerdict.UPHELD, PersonalText.legacy("ok"), "sue"),
                OPENED_AT.plusSeconds(180)));
        send(CaseEventRecords.of(caseId, 4, new CaseResolved(id, Outcome.SOLVED, PersonalText.legacy("Refunded")), OPENED_AT.plusSeconds(240)));

        await().atMost(Duration.ofSeconds(20)).until(() -> (Long) row(caseId).get("last_sequence") == 4L);
        assertThat(bendRow(bend)).containsEntry("status", "GRANTED").containsEntry("authority", "APPROVED")
                .containsEntry("granted_by", "sam").containsEntry("policy_version", 2)
                .containsEntry("review_verdict", "UPHELD").containsEntry("reviewed_by", "sue");
        assertThat(row(caseId)).containsEntry("status", "RESOLVED").containsEntry("outcome", "SOLVED")
                .containsEntry("resolutions", 1);
    }

    @Test
    void erasingACustomerErasesTheirTextInThisReadModelsRowsAndKeepsTheBends() throws Exception {
        UUID caseId = UUID.randomUUID();
        CaseId id = new CaseId(caseId);
        CustomerId customer = new CustomerId("ERASE-" + caseId.toString().substring(0, 8));
        ExceptionId bend = new ExceptionId(UUID.randomUUID());
        send(CaseEventRecords.of(caseId, 0, new CaseOpened(id, customer, Channel.PHONE,
                PersonalText.legacy("My address is ..."), PersonalText.legacy("Call me on ..."), null), OPENED_AT));
        send(CaseEventRecords.of(caseId, 1, new ExceptionGranted(id, bend, new PolicyCode("RETURN-WINDOW"), 1,
                new Deviation(BigDecimal.ONE, DeviationUnit.DAYS), Money.of("5", "EUR"), "LATE",
                PersonalText.legacy("Told me about their illness"), Authority.OWN_LIMIT, "alice", "alice"),
                OPENED_AT.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> bendRows(bend) == 1);

        send(CaseEventRecords.of("CustomerPrivacy", customer.value(), 0, new CustomerDataErased(customer, 1),
                OPENED_AT.plusSeconds(120)));

        await().atMost(Duration.ofSeconds(20)).until(() -> PersonalText.ERASED.equals(row(caseId).get("subject")));
        assertThat(row(caseId)).containsEntry("description", PersonalText.ERASED);
        assertThat(bendRow(bend)).containsEntry("justification", PersonalText.ERASED)
                .containsEntry("status", "GRANTED").containsEntry("authority", "OWN_LIMIT");
    }

    /**
     * A stream batch loads its cases once and writes each row once at its end: what it writes must be what the
     * events say in their order, for several cases and bends of one batch, an erasure in its middle (taking in a
     * case of the customer that the batch does not otherwise touch) and events after the erasure.
     */
    @Test
    void oneBatchOfSeveralCasesAndAnErasureInItsMiddleWritesWhatTheEventsSayInTheirOrder() {
        CustomerId customer = new CustomerId("BATCH-" + UUID.randomUUID().toString().substring(0, 8));
        UUID earlier = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        ExceptionId firstBend = new ExceptionId(UUID.randomUUID());
        ExceptionId secondBend = new ExceptionId(UUID.randomUUID());
        PolicyCode policy = new PolicyCode("RETURN-WINDOW");
        Deviation days = new Deviation(BigDecimal.ONE, DeviationUnit.DAYS);
        applyAsOneBatch(List.of(CaseEventRecords.of(earlier, 0, opened(earlier, customer, "Stored before"), OPENED_AT)));
        assertThat(row(earlier)).containsEntry("subject", "Stored before");

        applyAsOneBatch(List.of(
                CaseEventRecords.of(first, 0, opened(first, customer, "First case"), OPENED_AT),
                CaseEventRecords.of(second, 0, opened(second, new CustomerId("OTHER-1"), "Other customer"), OPENED_AT),
                CaseEventRecords.of(first, 1, new ExceptionRequested(new CaseId(first), firstBend, policy, 1, days,
                        Money.of("80", "EUR"), "HOSPITAL", PersonalText.legacy("In hospital"), "alice",
                        Role.SUPERVISOR), OPENED_AT.plusSeconds(60)),
                CaseEventRecords.of(second, 1, new ExceptionGranted(new CaseId(second), secondBend, policy, 1, days,
                        Money.of("5", "EUR"), "LATE", PersonalText.legacy("Kept waiting"), Authority.OWN_LIMIT, "bob",
                        "bob"), OPENED_AT.plusSeconds(60)),
                CaseEventRecords.of("CustomerPrivacy", customer.value(), 0, new CustomerDataErased(customer, 2),
                        OPENED_AT.plusSeconds(90)),
                CaseEventRecords.of(first, 2, new ExceptionGranted(new CaseId(first), firstBend, policy, 2, days,
                        Money.of("80", "EUR"), "HOSPITAL", PersonalText.legacy("In hospital"), Authority.APPROVED,
                        "alice", "sam"), OPENED_AT.plusSeconds(120)),
                CaseEventRecords.of(first, 3, new CaseResolved(new CaseId(first), Outcome.SOLVED,
                        PersonalText.legacy("Refunded")), OPENED_AT.plusSeconds(180))));

        assertThat(row(earlier)).containsEntry("subject", PersonalText.ERASED).containsEntry("last_sequence", 0L);
        assertThat(row(first)).containsEntry("subject", PersonalText.ERASED).containsEntry("status", "RESOLVED")
                .containsEntry("resolutions", 1).containsEntry("last_sequence", 3L);
        assertThat(bendRow(firstBend)).containsEntry("status", "GRANTED").containsEntry("authority", "APPROVED")
                .containsEntry("granted_by", "sam").containsEntry("policy_version", 2)
                .as("the grant after the erasure still says nothing of the customer's text")
                .containsEntry("justification", PersonalText.ERASED);
        assertThat(row(second)).containsEntry("subject", "Other customer").containsEntry("last_sequence", 1L);
        assertThat(bendRow(secondBend)).containsEntry("justification", "Kept waiting")
                .containsEntry("status", "GRANTED");
        assertThat(jdbc.queryForMap("SELECT bends_requested, bends_granted, status, last_sequence "
                + "FROM read_model.case_fact WHERE case_id = ?", first)).containsEntry("bends_requested", 1)
                .containsEntry("bends_granted", 1).containsEntry("status", "RESOLVED")
                .containsEntry("last_sequence", 3L);
        assertThat(jdbc.queryForObject("SELECT bends_granted FROM read_model.case_fact WHERE case_id = ?",
                Integer.class, second)).isEqualTo(1);
    }

    private void applyAsOneBatch(List<ProducerRecord<String, String>> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (ProducerRecord<String, String> record : records) {
            batch.add(new ConsumerRecord<>(record.topic(), 0, batch.size(), record.timestamp(),
                    TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(), record.headers(),
                    Optional.empty()));
        }
        BatchOutcome outcome = applier.applyAll(batch);
        assertThat(outcome.parked()).as("parked").isZero();
        assertThat(outcome.duplicates()).as("taken for duplicates").isZero();
    }

    private static CaseOpened opened(UUID caseId, CustomerId customer, String subject) {
        return new CaseOpened(new CaseId(caseId), customer, Channel.PHONE, PersonalText.legacy(subject),
                PersonalText.legacy("Call me on ..."), null);
    }

    @Test
    void lagIsExposedInEventsAndMilliseconds() throws Exception {
        UUID caseId = UUID.randomUUID();
        send(CaseEventRecords.caseOpened(caseId, "Lag probe", OPENED_AT));
        awaitRow(caseId);

        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("(?m)^leeway_projection_lag_events\\{.*} 0\\.0$")
                .containsPattern("(?m)^leeway_projection_lag_milliseconds\\{.*} [0-9.E]+$")
                .as("each applied event's delay, stored -> committed, as a histogram an operator alerts on")
                .containsPattern("(?m)^leeway_projection_delay_seconds_bucket\\{.*le=\"0\\.1\".*} [0-9.E]+$")
                .containsPattern("(?m)^leeway_projection_delay_seconds_count\\{.*} [1-9][0-9.E]*$");
    }

    private Map<String, Object> awaitRow(UUID caseId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> rowCount(caseId) == 1);
        return row(caseId);
    }

    private int rowCount(UUID caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.case_summary WHERE case_id = ?", Integer.class, caseId);
    }

    private Map<String, Object> row(UUID caseId) {
        return jdbc.queryForMap("SELECT * FROM read_model.case_summary WHERE case_id = ?", caseId);
    }

    private int bendRows(ExceptionId bend) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.case_bend WHERE exception_id = ?", Integer.class,
                bend.value());
    }

    private Map<String, Object> bendRow(ExceptionId bend) {
        return jdbc.queryForMap("SELECT * FROM read_model.case_bend WHERE exception_id = ?", bend.value());
    }
}
