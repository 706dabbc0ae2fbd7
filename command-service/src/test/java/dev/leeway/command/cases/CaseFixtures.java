package dev.leeway.command.cases;

import dev.leeway.command.policies.CurrentPolicy;
import dev.leeway.command.policies.PolicyLookup;
import dev.leeway.command.privacy.TextSealer;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.Channel;
import dev.leeway.kernel.cases.Deviation;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.customers.CustomerId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.messaging.MetadataKeys;
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.OwnAuthorityBudget;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.privacy.PersonalText;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test data for the Case aggregate: its facts (a small rulebook, an in-memory budget, a sealer), and who is acting. */
final class CaseFixtures {

    static final CaseId CASE_ID = new CaseId(UUID.fromString("8d7a3c9e-0b6f-4d2a-9a51-3f3e2c1b0a01"));
    static final ExceptionId BEND = new ExceptionId(UUID.fromString("0e0e0e0e-0000-4000-8000-000000000001"));
    static final CustomerId CUSTOMER = new CustomerId("CUST-7");
    static final PolicyCode REBATE = new PolicyCode("REBATE-FORM");
    static final PolicyCode RETURNS = new PolicyCode("RETURN-WINDOW");
    static final PolicyCode SAFETY = new PolicyCode("SAFETY-RECALL");
    static final PolicyCode OLD = new PolicyCode("OLD-RULE");
    static final String AGENT = "alice";
    static final String SUPERVISOR = "sam";
    static final String OTHER_SUPERVISOR = "sue";

    /** AGENT may give 50 EUR, SUPERVISOR 500 EUR, each person at most 120 EUR a month on their own authority. */
    static PolicyTerms terms(PolicyKind kind, DeviationUnit unit) {
        return new PolicyTerms("Terms", "Why", kind, unit,
                Map.of(Role.AGENT, Money.of("50", "EUR"), Role.SUPERVISOR, Money.of("500", "EUR")),
                Money.of("120", "EUR"));
    }

    static final class Rulebook implements PolicyLookup {
        final Map<PolicyCode, CurrentPolicy> policies = new HashMap<>();

        Rulebook() {
            policies.put(REBATE, new CurrentPolicy(REBATE, 1, terms(PolicyKind.BENDABLE, DeviationUnit.MONEY), false));
            policies.put(RETURNS, new CurrentPolicy(RETURNS, 3, terms(PolicyKind.BENDABLE, DeviationUnit.DAYS), false));
            policies.put(SAFETY, new CurrentPolicy(SAFETY, 1, terms(PolicyKind.HARD, DeviationUnit.NONE), false));
            policies.put(OLD, new CurrentPolicy(OLD, 2, terms(PolicyKind.BENDABLE, DeviationUnit.COUNT), true));
        }

        @Override
        public Optional<CurrentPolicy> find(PolicyCode code) {
            return Optional.ofNullable(policies.get(code));
        }
    }

    /** The budget's contract without a database: the locked row is tested on PostgreSQL. */
    static final class Budget implements OwnAuthorityBudget {
        final Map<String, BigDecimal> used = new HashMap<>();

        @Override
        public boolean tryReserve(String actorId, PolicyCode policy, YearMonth month, Money value, Money budget) {
            String key = actorId + "/" + policy + "/" + month;
            BigDecimal total = used.getOrDefault(key, BigDecimal.ZERO).add(value.amount());
            if (total.compareTo(budget.amount()) > 0) {
                return false;
            }
            used.put(key, total);
            return true;
        }
    }

    /** Seals visibly and deterministically with {@link #CUSTOMER}'s key, so that expected events can be written down. */
    static final TextSealer SEALER = text -> text == null ? null
            : PersonalText.sealed("key-" + CUSTOMER.value(), "sealed(" + text + ")");

    /** {@code text} as the Case aggregate stores it for {@link #CUSTOMER}. */
    static PersonalText text(String text) {
        return SEALER.seal(text);
    }

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    static AggregateTestFixture<Case> fixture(Rulebook rulebook, Budget budget) {
        AggregateTestFixture<Case> fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(rulebook);
        fixture.registerInjectableResource(new BendFacts(rulebook, YearMonth.now(CLOCK), budget));
        fixture.registerInjectableResource(SEALER);
        return fixture;
    }

    static Map<String, Object> as(String actorId, Role... roles) {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        set.addAll(java.util.List.of(roles));
        return Map.of(MetadataKeys.ACTOR_ID, actorId,
                MetadataKeys.ACTOR_ROLES, String.join(",", set.stream().map(Role::name).toList()));
    }

    /** An event as it was stored: with the actor in its metadata. */
    static EventMessage<?> by(String actorId, Object event) {
        return GenericEventMessage.asEventMessage(event).andMetaData(MetaData.with(MetadataKeys.ACTOR_ID, actorId));
    }

    static CaseOpened opened() {
        return new CaseOpened(CASE_ID, CUSTOMER, Channel.PHONE, text("Rebate form lost"), null, null);
    }

    static Deviation days(int days) {
        return new Deviation(BigDecimal.valueOf(days), DeviationUnit.DAYS);
    }

    static Deviation money(String amount) {
        return new Deviation(new BigDecimal(amount), DeviationUnit.MONEY);
    }

    private CaseFixtures() {
    }
}
