package dev.leeway.deploy;

import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.CustomerSegment;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.Direction;
import dev.leeway.kernel.cases.ExceptionDeclined;
import dev.leeway.kernel.cases.ExceptionGranted;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.cases.ExceptionRequested;
import dev.leeway.kernel.cases.ExceptionReviewed;
import dev.leeway.kernel.cases.FailureCause;
import dev.leeway.kernel.cases.FailureContext;
import dev.leeway.kernel.cases.InteractionLogged;
import dev.leeway.kernel.cases.Outcome;
import dev.leeway.kernel.cases.ReviewVerdict;
import dev.leeway.kernel.cases.SatisfactionRecorded;
import dev.leeway.kernel.cases.Severity;
import dev.leeway.kernel.customers.CustomerDataErased;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.messaging.MetadataKeys;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.policies.ProposalId;
import dev.leeway.kernel.policies.RuleChangeProposed;
import dev.leeway.kernel.privacy.PersonalDataCipher;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A made-up but realistic history for the benches, event by event in global order, as command-service would
 * have appended it: a rulebook defined first and revised now and then, and many cases open at once, interleaved,
 * each going through its own lifecycle (opened, assigned, conversations, bends granted on own authority or asked
 * for and decided by a second person, reviews that sometimes propose a rule change, resolution, satisfaction,
 * now and then a reopening), plus a few customers erased. Free text is sealed with per-customer keys exactly as
 * the command side seals it; the keys it needs (and the ones erasures destroy) are handed out as
 * {@link KeyChange}s, to be written with the events. Each customer belongs to a segment (NEW, REGULAR, LOYAL or
 * UNKNOWN, in fixed shares), which their cases are opened with. A {@link Shape} says how bends spread over the
 * policies and how far apart events are.
 * <p>
 * Every choice comes from one seeded {@link Random}, so a seed gives the same sequence of events (only the
 * ciphertexts differ). It holds the cases in flight and the customer pool, never the history: memory is flat in
 * the number of events.
 */
final class BenchHistory implements Iterator<BenchHistory.Row> {

    static final String CASE = "Case";
    static final String POLICY = "Policy";
    static final String CUSTOMER_PRIVACY = "CustomerPrivacy";

    /** Cases in flight at once: their events interleave in the global order, as many agents' work does. */
    private static final int CASES_IN_FLIGHT = 200;
    private static final int AGENTS = 40;
    private static final int SUPERVISORS = 8;
    private static final String CURRENCY = "EUR";
    /** The policy a skewed {@link Shape} gives most bends to: goodwill is what agents bend most. */
    static final String TOP_POLICY = "GOODWILL-CREDIT";

    /**
     * What a bench needs of the history beyond its size.
     *
     * @param topPolicyPercent        the share of bends under {@link #TOP_POLICY}, the rest spread evenly over the
     *                                other bendable policies; 0 spreads all bends evenly over every bendable policy
     * @param meanMillisBetweenEvents how far apart events are on average, in store time
     * @param firstConversation       at most this many interactions logged before any bend (evenly 0 to it): the
     *                                main lever on events per case
     * @param bentCasePercent         the share of cases with at least one bend (of those, 30% have two)
     */
    record Shape(int topPolicyPercent, long meanMillisBetweenEvents, int firstConversation, int bentCasePercent) {

        /**
         * The rebuild bench's: bends even over the policies, events 2 s apart (a million in about 23 days), about
         * six events per case.
         */
        static final Shape EVEN = new Shape(0, 2_000, 3, 40);
        /**
         * The analytics bench's: about ten events per case (the 100,000 cases in a million events), more of
         * them bent, 70% of bends under one policy (about 50,000 bends at a million events: the what-if's worst
         * case), events 30 s apart (a million in about 11 months, so that weeks group).
         */
        static final Shape ANALYTICS = new Shape(70, 30_000, 10, 55);

        Shape {
            if (topPolicyPercent < 0 || topPolicyPercent > 100 || meanMillisBetweenEvents < 1
                    || firstConversation < 0 || bentCasePercent < 0 || bentCasePercent > 100) {
                throw new IllegalArgumentException("topPolicyPercent and bentCasePercent 0-100, "
                        + "meanMillisBetweenEvents at least 1 and firstConversation not negative");
            }
        }
    }

    /** Segments and the per-mille of customers in each, in order; the rest are UNKNOWN (opened without one). */
    private static final Map<String, Integer> SEGMENT_SHARES = segmentShares();

    private static Map<String, Integer> segmentShares() {
        Map<String, Integer> shares = new LinkedHashMap<>();
        shares.put("NEW", 250);
        shares.put("REGULAR", 450);
        shares.put("LOYAL", 200);
        return shares; // UNKNOWN: the remaining 100
    }

    /** One event, as a row of {@code event_store.domain_event_entry} holds it before serialisation. */
    record Row(UUID eventId, String aggregateType, String aggregateId, long sequence, Instant timestamp,
               Object payload, Map<String, String> metadata) {

        String payloadType() {
            return payload.getClass().getName();
        }

        String revision() {
            return payload.getClass().getAnnotation(Revision.class).value();
        }
    }

    /** A customer key to store before the events sealed with it, or a customer's keys to destroy (erasure). */
    sealed interface KeyChange {
    }

    record KeyCreated(String keyId, String customerId, byte[] key) implements KeyChange {
    }

    record KeysDestroyed(String customerId) implements KeyChange {
    }

    private final long total;
    private final Shape shape;
    private final Random random;
    private final int customers;
    private Instant clock;
    private long emitted;
    private final Deque<Row> ready = new ArrayDeque<>();
    private final List<PolicyLife> policies = new ArrayList<>();
    private final List<CaseLife> inFlight = new ArrayList<>();
    private final Map<String, LiveKey> liveKeys = new HashMap<>();
    private final Map<String, Integer> erasures = new HashMap<>();
    private final List<KeyChange> keyChanges = new ArrayList<>();
    private final Map<String, Long> mix = new TreeMap<>();
    private final Map<String, Long> bendsByPolicy = new TreeMap<>();
    private final Map<String, Long> casesBySegment = new TreeMap<>();
    private long casesOpened;

    private record LiveKey(String keyId, byte[] key) {
    }

    BenchHistory(long total, long seed, Instant start) {
        this(total, seed, start, Shape.EVEN);
    }

    BenchHistory(long total, long seed, Instant start, Shape shape) {
        if (total < 0) {
            throw new IllegalArgumentException("events must not be negative");
        }
        this.total = total;
        this.shape = shape;
        this.random = new Random(seed);
        this.clock = start;
        // About 25 events per customer: most have one case, some come back.
        this.customers = (int) Math.max(10, Math.min(200_000, total / 25));
        definePolicies();
    }

    /** A history of {@code total} events ending about now. */
    static BenchHistory endingNow(long total, long seed, Shape shape) {
        return new BenchHistory(total, seed, Instant.now().minusMillis(total * shape.meanMillisBetweenEvents()),
                shape);
    }

    @Override
    public boolean hasNext() {
        return emitted < total;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        while (ready.isEmpty()) {
            step();
        }
        emitted++;
        Row row = ready.poll();
        mix.merge(row.payload().getClass().getSimpleName(), 1L, Long::sum);
        if (row.payload() instanceof ExceptionRequested requested) {
            bendsByPolicy.merge(requested.policyCode().value(), 1L, Long::sum);
        } else if (row.payload() instanceof ExceptionGranted granted && granted.authority() == Authority.OWN_LIMIT) {
            bendsByPolicy.merge(granted.policyCode().value(), 1L, Long::sum);
        } else if (row.payload() instanceof CaseOpened opened) {
            casesBySegment.merge(opened.segment().code(), 1L, Long::sum);
        }
        return row;
    }

    /** The key changes the events handed out so far need, in order; each is handed out once. */
    List<KeyChange> takeKeyChanges() {
        List<KeyChange> taken = List.copyOf(keyChanges);
        keyChanges.clear();
        return taken;
    }

    /** How many events of each type were handed out, by simple class name. */
    Map<String, Long> mix() {
        return Map.copyOf(mix);
    }

    long casesOpened() {
        return casesOpened;
    }

    /**
     * Bends handed out so far, by policy code: each asked for (ExceptionRequested) or granted at once on own
     * authority; one row of bend_fact each.
     */
    Map<String, Long> bendsByPolicy() {
        return Map.copyOf(bendsByPolicy);
    }

    /** Cases opened in the events handed out so far, by segment. */
    Map<String, Long> casesBySegment() {
        return Map.copyOf(casesBySegment);
    }

    /**
     * A customer's segment, from their number alone (not from the seeded {@link Random}, so that segments leave the
     * rest of a seed's history as it was): the same customer is in the same segment on every case.
     */
    static CustomerSegment segmentOf(int customerNumber) {
        // A fixed bijective scramble, so that neighbouring numbers do not fall into the same segment.
        long mixed = (customerNumber * 0x9E3779B97F4A7C15L) >>> 32;
        int perMille = (int) Math.floorMod(mixed, 1000L);
        int upTo = 0;
        for (Map.Entry<String, Integer> share : SEGMENT_SHARES.entrySet()) {
            upTo += share.getValue();
            if (perMille < upTo) {
                return new CustomerSegment(share.getKey());
            }
        }
        return CustomerSegment.UNKNOWN;
    }

    // ---- the rulebook ---------------------------------------------------------------------------------------

    private final class PolicyLife {
        final PolicyCode code;
        final int agentLimit;
        final int supervisorLimit;
        PolicyTerms terms;
        int version;
        long sequence;

        PolicyLife(String code, String title, PolicyKind kind, DeviationUnit unit, int agentLimit,
                   int supervisorLimit, int budget) {
            this.code = new PolicyCode(code);
            this.agentLimit = agentLimit;
            this.supervisorLimit = supervisorLimit;
            this.terms = terms(title, kind, unit, agentLimit, supervisorLimit, budget);
        }

        boolean bendable() {
            return terms.bendable();
        }

        void define() {
            version = 1;
            emit(POLICY, code.value(), sequence++, new PolicyDefined(code, version, terms), "policy-owner-1",
                    Role.POLICY_OWNER);
        }

        void revise(ProposalId proposal, List<ExceptionId> motivating) {
            Money budget = terms.monthlyBudgetPerAgent();
            // Limits move up and back within what the supervisors' limit covers, as owners tune a rule.
            terms = terms(terms.title(), terms.kind(), terms.unit(), agentLimit + 5 * (version % 4), supervisorLimit,
                    budget.amount().intValue() + (version % 2 == 0 ? 100 : -100));
            version++;
            emit(POLICY, code.value(), sequence++, new PolicyRevised(code, version, terms,
                    List.of("ownAuthorityLimits", "monthlyBudgetPerAgent"), proposal, motivating),
                    "policy-owner-" + (1 + random.nextInt(3)), Role.POLICY_OWNER);
        }

        /**
         * {@code text} sealed: the command side seals it with a key of the proposal's own, here it comes sealed
         * with the citing case's customer's key, which costs the same to store and read.
         */
        void proposeChange(ExceptionId cited, String supervisor, PersonalText text) {
            ProposalId proposal = new ProposalId(uuid());
            emit(POLICY, code.value(), sequence++, new RuleChangeProposed(code, proposal, text, List.of(cited),
                    supervisor),
                    supervisor, Role.SUPERVISOR);
            if (chance(30)) {
                revise(proposal, List.of(cited));
            }
        }

        private PolicyTerms terms(String title, PolicyKind kind, DeviationUnit unit, int agent, int supervisor,
                                  int budget) {
            Map<Role, Money> limits = new EnumMap<>(Role.class);
            if (kind == PolicyKind.BENDABLE) {
                limits.put(Role.AGENT, Money.of(Integer.toString(agent), CURRENCY));
                limits.put(Role.SUPERVISOR, Money.of(Integer.toString(supervisor), CURRENCY));
            }
            return new PolicyTerms(title, "Keeps promises to customers consistent", kind, unit, limits,
                    Money.of(Integer.toString(budget), CURRENCY));
        }
    }

    private void definePolicies() {
        policies.add(new PolicyLife("RETURN-WINDOW", "Returns within 30 days", PolicyKind.BENDABLE,
                DeviationUnit.DAYS, 40, 300, 600));
        policies.add(new PolicyLife("GOODWILL-CREDIT", "Goodwill credit on complaints", PolicyKind.BENDABLE,
                DeviationUnit.MONEY, 50, 500, 1_000));
        policies.add(new PolicyLife("DELIVERY-FEE", "Delivery fees are not refunded", PolicyKind.BENDABLE,
                DeviationUnit.MONEY, 20, 150, 400));
        policies.add(new PolicyLife("WARRANTY-PERIOD", "Two years of warranty", PolicyKind.BENDABLE,
                DeviationUnit.DAYS, 80, 800, 2_000));
        policies.add(new PolicyLife("REPLACEMENT-LIMIT", "One replacement per order", PolicyKind.BENDABLE,
                DeviationUnit.COUNT, 60, 400, 900));
        policies.add(new PolicyLife("SAFETY-RECALL", "Recalled goods are never resold", PolicyKind.HARD,
                DeviationUnit.NONE, 0, 0, 0));
        policies.forEach(PolicyLife::define);
    }

    // ---- cases ------------------------------------------------------------------------------------------------

    private enum Step { OPEN, ASSIGN, INTERACT, BEND, DECIDE, REVIEW, RESOLVE, SATISFACTION, REOPEN, ERASE }

    /** A granted or requested bend, as the case remembers it. */
    private record Bend(ExceptionId id, PolicyLife policy, Deviation deviation, Money value, String reasonCode,
                        PersonalText justification, String requestedBy, String grantedBy) {
    }

    private final class CaseLife {
        final CaseId caseId = new CaseId(uuid());
        final int customerNumber = random.nextInt(customers);
        final CustomerId customer = new CustomerId(String.format("CUST-%07d", customerNumber));
        final String agent = agent();
        final Deque<Step> plan = new ArrayDeque<>();
        final Deque<Bend> requested = new ArrayDeque<>();
        final Deque<Bend> granted = new ArrayDeque<>();
        final Set<String> actors = new LinkedHashSet<>();
        long sequence;
        int resolutions;

        CaseLife() {
            plan.add(Step.OPEN);
            if (chance(85)) {
                plan.add(Step.ASSIGN);
            }
            interactions(shape.firstConversation());
            int bends = chance(shape.bentCasePercent()) ? 1 + (chance(30) ? 1 : 0) : 0;
            for (int i = 0; i < bends; i++) {
                plan.add(Step.BEND);
                interactions(1);
            }
            if (!chance(92)) {
                return; // still open when the history ends
            }
            plan.add(Step.RESOLVE);
            for (int i = 0; i < bends; i++) {
                plan.add(Step.REVIEW); // supervisors review bends afterwards
            }
            if (chance(60)) {
                plan.add(Step.SATISFACTION);
            }
            if (chance(7)) {
                plan.add(Step.REOPEN);
                interactions(2);
                plan.add(Step.RESOLVE);
                if (chance(50)) {
                    plan.add(Step.SATISFACTION);
                }
            }
            if (random.nextInt(1000) < 5) {
                plan.add(Step.ERASE);
            }
        }

        private void interactions(int most) {
            for (int i = random.nextInt(most + 1); i > 0; i--) {
                plan.add(Step.INTERACT);
            }
        }

        boolean done() {
            return plan.isEmpty();
        }

        /** Emits the next step's events, if it has any (a review of a declined bend has none). */
        void advance() {
            Step step = plan.poll();
            switch (step) {
                case OPEN -> {
                    casesOpened++;
                    FailureContext failure = chance(60) ? new FailureContext(pick(Severity.values()),
                            pick(FailureCause.values())) : null;
                    caseEvent(new CaseOpened(caseId, customer, pick(Channel.values()),
                            seal("Order " + random.nextInt(1_000_000) + ": " + pick(SUBJECTS)),
                            chance(70) ? seal(pick(DESCRIPTIONS)) : null, failure, segmentOf(customerNumber)),
                            agent, Role.AGENT);
                }
                case ASSIGN -> caseEvent(new CaseAssigned(caseId, agent), "supervisor-" + supervisor(),
                        Role.SUPERVISOR);
                case INTERACT -> caseEvent(new InteractionLogged(caseId, pick(Channel.values()),
                        pick(Direction.values()), seal(pick(SUMMARIES))), agent, Role.AGENT);
                case BEND -> bend();
                case DECIDE -> decide();
                case REVIEW -> review();
                case RESOLVE -> {
                    resolutions++;
                    caseEvent(new CaseResolved(caseId, pick(Outcome.values()), seal(pick(SUMMARIES))), agent,
                            Role.AGENT);
                }
                case SATISFACTION -> caseEvent(new SatisfactionRecorded(caseId, 1 + random.nextInt(5),
                        chance(40) ? seal(pick(COMMENTS)) : null, resolutions, List.copyOf(actors)),
                        agent, Role.AGENT);
                case REOPEN -> caseEvent(new CaseReopened(caseId, seal("The customer wrote back")), agent,
                        Role.AGENT);
                case ERASE -> erase(customer);
            }
        }

        private void bend() {
            PolicyLife policy = bentPolicy();
            boolean ownLimit = chance(60);
            int value = ownLimit ? 5 + random.nextInt(policy.agentLimit - 4)
                    : policy.agentLimit + 1 + random.nextInt(policy.supervisorLimit - policy.agentLimit);
            Money valueGiven = Money.of(Integer.toString(value), CURRENCY);
            BigDecimal amount = switch (policy.terms.unit()) {
                case DAYS -> BigDecimal.valueOf(1 + random.nextInt(30));
                case COUNT -> BigDecimal.valueOf(1 + random.nextInt(3));
                case MONEY, NONE -> valueGiven.amount();
            };
            Deviation deviation = new Deviation(amount, policy.terms.unit());
            ExceptionId id = new ExceptionId(uuid());
            String reason = pick(REASONS);
            PersonalText justification = seal(pick(JUSTIFICATIONS));
            if (ownLimit) {
                granted.add(new Bend(id, policy, deviation, valueGiven, reason, justification, agent, agent));
                caseEvent(new ExceptionGranted(caseId, id, policy.code, policy.version, deviation, valueGiven, reason,
                        justification, Authority.OWN_LIMIT, agent, agent), agent, Role.AGENT);
            } else {
                requested.add(new Bend(id, policy, deviation, valueGiven, reason, justification, agent, null));
                caseEvent(new ExceptionRequested(caseId, id, policy.code, policy.version, deviation, valueGiven,
                        reason, justification, agent, Role.SUPERVISOR), agent, Role.AGENT);
                plan.addFirst(Step.DECIDE);
            }
        }

        private void decide() {
            Bend bend = requested.poll();
            String supervisor = "supervisor-" + supervisor();
            if (chance(75)) {
                // Approved under the version in force at the decision, which a revision may have raised.
                granted.add(new Bend(bend.id(), bend.policy(), bend.deviation(), bend.value(), bend.reasonCode(),
                        bend.justification(), bend.requestedBy(), supervisor));
                caseEvent(new ExceptionGranted(caseId, bend.id(), bend.policy().code, bend.policy().version,
                        bend.deviation(), bend.value(), bend.reasonCode(), bend.justification(), Authority.APPROVED,
                        bend.requestedBy(), supervisor), supervisor, Role.SUPERVISOR);
            } else {
                caseEvent(new ExceptionDeclined(caseId, bend.id(), supervisor, seal("Outside what we can offer")),
                        supervisor, Role.SUPERVISOR);
            }
        }

        private void review() {
            Bend bend = granted.poll();
            if (bend == null || !chance(30)) {
                return;
            }
            String reviewer;
            do {
                reviewer = "supervisor-" + supervisor();
            } while (reviewer.equals(bend.grantedBy()));
            ReviewVerdict verdict = chance(4) ? ReviewVerdict.RULE_CHANGE_PROPOSED
                    : chance(70) ? ReviewVerdict.UPHELD : ReviewVerdict.COACHED;
            caseEvent(new ExceptionReviewed(caseId, bend.id(), verdict, seal("Looked at the call notes"), reviewer),
                    reviewer, Role.SUPERVISOR);
            if (verdict == ReviewVerdict.RULE_CHANGE_PROPOSED) {
                bend.policy().proposeChange(bend.id(), reviewer,
                        seal("Raise the agents' limit: bends like this one are routine"));
            }
        }

        private void caseEvent(Object payload, String actor, Role role) {
            actors.add(actor);
            emit(CASE, caseId.toString(), sequence++, payload, actor, role);
        }

        private PersonalText seal(String text) {
            LiveKey key = liveKeys.computeIfAbsent(customer.value(), id -> {
                LiveKey created = new LiveKey(uuid().toString(), PersonalDataCipher.newKey());
                keyChanges.add(new KeyCreated(created.keyId(), id, created.key()));
                return created;
            });
            return PersonalText.sealed(key.keyId(), PersonalDataCipher.seal(key.key(), key.keyId(), text));
        }
    }

    /** As CustomerPrivacy does: destroys the customer's live key, recorded unless there was none to destroy. */
    private void erase(CustomerId customer) {
        boolean hadKey = liveKeys.remove(customer.value()) != null;
        int before = erasures.getOrDefault(customer.value(), 0);
        if (!hadKey && before > 0) {
            return;
        }
        if (hadKey) {
            keyChanges.add(new KeysDestroyed(customer.value()));
        }
        erasures.put(customer.value(), before + 1);
        emit(CUSTOMER_PRIVACY, customer.value(), before, new CustomerDataErased(customer, hadKey ? 1 : 0),
                "privacy-officer", Role.ADMIN);
    }

    /** Evenly over the bendable policies, or with the shape's share under the top policy. */
    private PolicyLife bentPolicy() {
        List<PolicyLife> bendable = policies.stream().filter(PolicyLife::bendable).toList();
        if (shape.topPolicyPercent() == 0) {
            return bendable.get(random.nextInt(bendable.size()));
        }
        if (chance(shape.topPolicyPercent())) {
            return bendable.stream().filter(policy -> policy.code.value().equals(TOP_POLICY)).findFirst()
                    .orElseThrow();
        }
        List<PolicyLife> others = bendable.stream().filter(policy -> !policy.code.value().equals(TOP_POLICY))
                .toList();
        return others.get(random.nextInt(others.size()));
    }

    // ---- the global order ---------------------------------------------------------------------------------------

    private void step() {
        // Now and then a policy owner revises a rule without a proposal.
        if (random.nextInt(25_000) == 0) {
            PolicyLife policy = policies.get(random.nextInt(policies.size()));
            if (policy.bendable()) {
                policy.revise(null, List.of());
                return;
            }
        }
        while (inFlight.size() < CASES_IN_FLIGHT) {
            inFlight.add(new CaseLife());
        }
        int index = random.nextInt(inFlight.size());
        CaseLife life = inFlight.get(index);
        life.advance();
        if (life.done()) {
            inFlight.set(index, new CaseLife());
        }
    }

    private void emit(String aggregateType, String aggregateId, long sequence, Object payload, String actor, Role role) {
        clock = clock.plusMillis(random.nextInt((int) (2 * shape.meanMillisBetweenEvents())));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(MetadataKeys.ACTOR_ID, actor);
        metadata.put(MetadataKeys.ACTOR_ROLES, role.name());
        metadata.put(MetadataKeys.CORRELATION_ID, uuid().toString());
        metadata.put(MetadataKeys.CAUSATION_ID, uuid().toString());
        metadata.put(MetadataKeys.CLIENT_APP, "bench");
        ready.add(new Row(uuid(), aggregateType, aggregateId, sequence, clock, payload, metadata));
    }

    private UUID uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String agent() {
        return String.format("agent-%02d", 1 + random.nextInt(AGENTS));
    }

    private int supervisor() {
        return 1 + random.nextInt(SUPERVISORS);
    }

    private static final String[] SUBJECTS = {"parcel arrived damaged", "refund not received", "wrong size delivered",
            "charged twice", "delivery late by a week", "coupon not applied", "device stopped working",
            "missing item in the box"};
    private static final String[] DESCRIPTIONS = {"The customer sent photos of the box.",
            "Called twice already, increasingly upset.", "Says the courier left it in the rain.",
            "Bought it as a birthday present, needs it by Friday."};
    private static final String[] SUMMARIES = {"Explained the options", "Customer sent the receipt",
            "Promised a call back tomorrow", "Replacement shipped", "Refund issued to the card",
            "Customer accepted the offer"};
    private static final String[] COMMENTS = {"Quick and friendly", "Took too long", "Fair in the end",
            "The agent really listened"};
    private static final String[] REASONS = {"LATE_DELIVERY", "DAMAGED_GOODS", "LOYAL_CUSTOMER", "OUR_MISTAKE",
            "GOODWILL"};
    private static final String[] JUSTIFICATIONS = {"Third problem this year", "Courier confirmed the damage",
            "Long-standing customer", "Our warehouse sent the wrong item"};
}
