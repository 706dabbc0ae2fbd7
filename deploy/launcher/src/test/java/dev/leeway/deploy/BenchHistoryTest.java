package dev.leeway.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CustomerSegment;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.codec.EventJson;
import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.messaging.MetadataKeys;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.privacy.PersonalDataCipher;
import dev.leeway.kernel.privacy.PersonalText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The benches' made-up history has the shape of a real event store; its timing is not tested. */
class BenchHistoryTest {

    private static final int EVENTS = 20_000;
    private static final ObjectMapper JSON = EventJson.storedEventMapper();

    private static final List<BenchHistory.Row> rows = new ArrayList<>();
    private static final Map<String, byte[]> keysWhenHandedOut = new HashMap<>();
    private static final Set<String> destroyedCustomers = new HashSet<>();
    private static final List<String> unknownKeys = new ArrayList<>();
    private static BenchHistory history;

    @BeforeAll
    static void generate() {
        history = new BenchHistory(EVENTS, 42, Instant.parse("2025-01-01T00:00:00Z"));
        while (history.hasNext()) {
            BenchHistory.Row row = history.next();
            for (BenchHistory.KeyChange change : history.takeKeyChanges()) {
                if (change instanceof BenchHistory.KeyCreated created) {
                    keysWhenHandedOut.put(created.keyId(), created.key());
                } else if (change instanceof BenchHistory.KeysDestroyed destroyed) {
                    destroyedCustomers.add(destroyed.customerId());
                }
            }
            // Every sealed text's key was handed out by the time its event was.
            sealedTexts(row.payload()).stream().filter(text -> !keysWhenHandedOut.containsKey(text.keyId()))
                    .forEach(text -> unknownKeys.add(text.keyId()));
            rows.add(row);
        }
    }

    @Test
    void itHasExactlyTheEventsAskedFor() {
        assertThat(rows).hasSize(EVENTS);
        assertThat(history.mix().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(EVENTS);
    }

    @Test
    void eachAggregatesSequenceStartsAtZeroAndHasNoGap() {
        Map<String, Long> next = new HashMap<>();
        for (BenchHistory.Row row : rows) {
            String aggregate = row.aggregateType() + "/" + row.aggregateId();
            assertThat(row.sequence()).as(aggregate).isEqualTo(next.getOrDefault(aggregate, 0L));
            next.put(aggregate, row.sequence() + 1);
        }
    }

    @Test
    void casesStartOpenedPoliciesDefinedAndErasuresAreTheirCustomersOwn() {
        for (BenchHistory.Row row : rows) {
            if (row.sequence() == 0 && row.aggregateType().equals(BenchHistory.CASE)) {
                assertThat(row.payload()).isInstanceOf(CaseOpened.class);
            }
            if (row.sequence() == 0 && row.aggregateType().equals(BenchHistory.POLICY)) {
                assertThat(row.payload()).isInstanceOf(PolicyDefined.class);
            }
            if (row.payload() instanceof CustomerDataErased erased) {
                assertThat(row.aggregateType()).isEqualTo(BenchHistory.CUSTOMER_PRIVACY);
                assertThat(row.aggregateId()).isEqualTo(erased.customerId().value());
            }
            if (row.payload() instanceof CaseOpened opened) {
                assertThat(row.aggregateId()).isEqualTo(opened.caseId().toString());
            }
        }
    }

    @Test
    void theMixHasEveryKindOfEventACaseLifecycleAndARulebookHave() {
        Map<String, Long> mix = history.mix();

        assertThat(mix).containsKeys("PolicyDefined", "PolicyRevised", "RuleChangeProposed", "CaseOpened",
                "InteractionLogged", "CaseAssigned", "ExceptionRequested", "ExceptionGranted", "ExceptionDeclined",
                "ExceptionReviewed", "CaseResolved", "SatisfactionRecorded", "CaseReopened", "CustomerDataErased");
        long opened = mix.get("CaseOpened");
        assertThat(opened).as("cases of a handful of events each").isBetween(EVENTS / 15L, EVENTS / 5L);
        assertThat(mix.get("CaseResolved")).isBetween(opened * 8 / 10, opened * 11 / 10);
        assertThat(mix.get("InteractionLogged")).isGreaterThan(opened);
        assertThat(mix.get("ExceptionGranted")).isGreaterThan(mix.get("ExceptionRequested"));
        assertThat(mix.get("CaseReopened")).isLessThan(opened / 5);
        assertThat(mix.get("PolicyDefined")).isEqualTo(6);
        assertThat(mix.get("CustomerDataErased")).isBetween(1L, opened / 50);
        assertThat(mix.get("RuleChangeProposed")).isLessThan(opened / 20);
    }

    @Test
    void bendsNameAPolicyVersionInForceAndGrantsAreUnderOwnLimitOrApproved() {
        Map<String, Integer> versions = new HashMap<>();
        for (BenchHistory.Row row : rows) {
            if (row.payload() instanceof PolicyDefined defined) {
                versions.put(defined.policyCode().value(), defined.version());
            } else if (row.payload() instanceof dev.leeway.kernel.policies.PolicyRevised revised) {
                assertThat(revised.version()).isEqualTo(versions.get(revised.policyCode().value()) + 1);
                versions.put(revised.policyCode().value(), revised.version());
            } else if (row.payload() instanceof ExceptionRequested requested) {
                assertThat(requested.policyVersion()).isBetween(1, versions.get(requested.policyCode().value()));
            } else if (row.payload() instanceof ExceptionGranted granted) {
                assertThat(granted.policyVersion()).isBetween(1, versions.get(granted.policyCode().value()));
                assertThat(granted.valueGiven().withinBounds()).isTrue();
            }
        }
    }

    @Test
    void everyPayloadReadsBackAsTheSameRecordAndTheRowSaysItsTypeAndRevision() throws Exception {
        for (BenchHistory.Row row : rows) {
            String json = JSON.writeValueAsString(row.payload());
            assertThat(JSON.readValue(json, row.payload().getClass())).isEqualTo(row.payload());
            assertThat(row.payloadType()).startsWith("dev.leeway.kernel.");
            assertThat(row.revision()).matches("[1-9]");
        }
    }

    @Test
    void personalTextIsSealedWithTheCustomersKeyHandedOutWithIt() {
        assertThat(unknownKeys).isEmpty();
        CaseOpened opened = rows.stream().map(BenchHistory.Row::payload).filter(CaseOpened.class::isInstance)
                .map(CaseOpened.class::cast).findFirst().orElseThrow();
        PersonalText subject = opened.subject();

        assertThat(subject.isSealed()).isTrue();
        assertThat(PersonalDataCipher.open(keysWhenHandedOut.get(subject.keyId()), subject.keyId(), subject.sealed()))
                .hasValueSatisfying(text -> assertThat(text).startsWith("Order "));
        assertThat(destroyedCustomers).isNotEmpty();
    }

    @Test
    void metadataSaysWhoActedAndTimeMovesForward() {
        Instant previous = Instant.MIN;
        for (BenchHistory.Row row : rows) {
            assertThat(row.metadata()).containsKeys(MetadataKeys.ACTOR_ID, MetadataKeys.ACTOR_ROLES,
                    MetadataKeys.CORRELATION_ID, MetadataKeys.CAUSATION_ID).containsEntry(MetadataKeys.CLIENT_APP, "bench");
            assertThat(row.timestamp()).isAfterOrEqualTo(previous);
            previous = row.timestamp();
        }
        assertThat(rows.stream().map(BenchHistory.Row::eventId).distinct().count()).isEqualTo(EVENTS);
    }

    @Test
    void aSeedGivesTheSameHistory() {
        BenchHistory again = new BenchHistory(EVENTS, 42, Instant.parse("2025-01-01T00:00:00Z"));
        for (BenchHistory.Row row : rows.subList(0, 2_000)) {
            BenchHistory.Row same = again.next();
            assertThat(same.eventId()).isEqualTo(row.eventId());
            assertThat(same.payloadType()).isEqualTo(row.payloadType());
        }
    }

    @Test
    void casesAreOpenedWithTheirCustomersSegmentInFixedShares() {
        Map<String, String> segmentOfCustomer = new HashMap<>();
        for (BenchHistory.Row row : rows) {
            if (row.payload() instanceof CaseOpened opened) {
                String before = segmentOfCustomer.putIfAbsent(opened.customerId().value(), opened.segment().code());
                assertThat(before).as("a customer's segment on every case").isIn(null, opened.segment().code());
            }
        }
        Map<String, Long> segments = history.casesBySegment();
        long cases = history.casesOpened();
        assertThat(segments.keySet()).containsExactlyInAnyOrder("NEW", "REGULAR", "LOYAL", "UNKNOWN");
        assertThat(segments.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(cases);
        assertThat(segments.get("REGULAR")).isBetween(cases * 40 / 100, cases * 50 / 100);
        assertThat(segments.get("UNKNOWN")).isBetween(cases * 6 / 100, cases * 14 / 100);
    }

    @Test
    void segmentsComeFromTheCustomerNumberAlone() {
        Map<String, Long> shares = new HashMap<>();
        IntStream.range(0, 100_000).mapToObj(BenchHistory::segmentOf)
                .forEach(segment -> shares.merge(segment.code(), 1L, Long::sum));

        assertThat(BenchHistory.segmentOf(1234)).isEqualTo(BenchHistory.segmentOf(1234));
        assertThat(shares.get("NEW")).isBetween(24_000L, 26_000L);
        assertThat(shares.get("REGULAR")).isBetween(44_000L, 46_000L);
        assertThat(shares.get("LOYAL")).isBetween(19_000L, 21_000L);
        assertThat(shares.get(CustomerSegment.UNKNOWN.code())).isBetween(9_000L, 11_000L);
    }

    @Test
    void bendsAreEvenOverTheBendablePoliciesByDefault() {
        Map<String, Long> bends = history.bendsByPolicy();
        long total = bends.values().stream().mapToLong(Long::longValue).sum();

        assertThat(bends).hasSize(5).doesNotContainKey("SAFETY-RECALL");
        assertThat(bends.values()).allSatisfy(count -> assertThat(count).isBetween(total / 5 * 8 / 10, total / 5 * 12 / 10));
        assertThat(total).isEqualTo(history.mix().get("ExceptionRequested") + rows.stream()
                .filter(row -> row.payload() instanceof ExceptionGranted granted
                        && granted.authority() == dev.leeway.kernel.cases.Authority.OWN_LIMIT).count());
    }

    @Test
    void theAnalyticsShapeGivesAboutTenEventsPerCaseAndPutsMostBendsUnderOnePolicy() {
        BenchHistory skewed = new BenchHistory(EVENTS, 42, Instant.parse("2025-01-01T00:00:00Z"),
                BenchHistory.Shape.ANALYTICS);
        Instant last = null;
        while (skewed.hasNext()) {
            last = skewed.next().timestamp();
        }
        Map<String, Long> bends = skewed.bendsByPolicy();
        long total = bends.values().stream().mapToLong(Long::longValue).sum();

        assertThat(bends.get(BenchHistory.TOP_POLICY)).isBetween(total * 65 / 100, total * 75 / 100);
        assertThat(bends).hasSize(5);
        assertThat(skewed.casesOpened()).as("the issue's 100,000 cases in a million events")
                .isBetween(EVENTS / 11L, EVENTS / 9L);
        assertThat(bends.get(BenchHistory.TOP_POLICY)).as("50,000 bends under one policy in a million events")
                .isBetween(EVENTS / 22L, EVENTS / 18L);
        assertThat(last).as("30 s apart on average: 20,000 events in about a week")
                .isBetween(Instant.parse("2025-01-06T00:00:00Z"), Instant.parse("2025-01-09T00:00:00Z"));
    }

    private static List<PersonalText> sealedTexts(Object payload) {
        List<PersonalText> texts = new ArrayList<>();
        for (var component : payload.getClass().getRecordComponents()) {
            if (component.getType() == PersonalText.class) {
                try {
                    PersonalText text = (PersonalText) component.getAccessor().invoke(payload);
                    if (text != null) {
                        texts.add(text);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return texts;
    }
}
