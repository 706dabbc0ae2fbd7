package dev.leeway.kernel.codec;

import dev.leeway.kernel.cases.Authority;
import dev.leeway.kernel.cases.CaseAssigned;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.CaseOpened;
import dev.leeway.kernel.cases.CaseReopened;
import dev.leeway.kernel.cases.CaseResolved;
import dev.leeway.kernel.cases.CustomerSegment;
import dev.leeway.kernel.cases.Channel;
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
import dev.leeway.kernel.money.Money;
import dev.leeway.kernel.policies.DeviationUnit;
import dev.leeway.kernel.policies.PolicyCode;
import dev.leeway.kernel.policies.PolicyDefined;
import dev.leeway.kernel.policies.PolicyKind;
import dev.leeway.kernel.policies.PolicyRetired;
import dev.leeway.kernel.policies.PolicyRevised;
import dev.leeway.kernel.policies.PolicyTerms;
import dev.leeway.kernel.policies.ProposalId;
import dev.leeway.kernel.policies.RuleChangeProposed;
import dev.leeway.kernel.privacy.PersonalText;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON fixtures under {@code /events/<Type>-<revision>.json}, each as an event once stored, and the record
 * today's code must read from it. Older revisions hold the same facts as the current one, in their old shape.
 */
final class StoredEventFixtures {

    static final CaseId CASE_ID = new CaseId(UUID.fromString("5b0c6f1e-8a3e-4c55-9d0a-0f6f1d3c2a11"));
    static final ExceptionId EXCEPTION_ID = new ExceptionId(UUID.fromString("9d2f4b7a-1c3e-4f5a-8b6c-7d8e9f0a1b2c"));
    static final PolicyCode POLICY = new PolicyCode("RETURN-WINDOW");
    static final ProposalId PROPOSAL_ID = new ProposalId(UUID.fromString("c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b"));
    static final PersonalText SEALED = PersonalText.sealed("3f0c6f1e-0000-4000-8000-00000000k001",
            "bm9uY2UtYW5kLWNpcGhlcnRleHQ=");

    /** One fixture: its file name without {@code .json}, its type and revision, and the record it reads as. */
    record Fixture(String name, String payloadType, String revision, Object expected) {

        String json() {
            try (InputStream in = StoredEventFixtures.class.getResourceAsStream("/events/" + name + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("no fixture /events/" + name + ".json");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private StoredEventFixtures() {
    }

    static List<Fixture> all() {
        Map<String, Object> expected = new LinkedHashMap<>();
        FailureContext failure = new FailureContext(Severity.MAJOR, FailureCause.THIRD_PARTY);
        expected.put("CaseOpened-1", new CaseOpened(CASE_ID, new CustomerId("CUST-1042"), Channel.PHONE,
                PersonalText.legacy("Late delivery"), PersonalText.legacy("Parcel arrived after the party"), null));
        expected.put("CaseOpened-2", new CaseOpened(CASE_ID, new CustomerId("CUST-1042"), Channel.PHONE,
                PersonalText.legacy("Late delivery"), PersonalText.legacy("Parcel arrived after the party"), failure));
        expected.put("CaseOpened-3", new CaseOpened(CASE_ID, new CustomerId("CUST-1042"), Channel.PHONE, SEALED, null,
                failure));
        expected.put("CaseOpened-4", new CaseOpened(CASE_ID, new CustomerId("CUST-1042"), Channel.PHONE, SEALED, null,
                failure, new CustomerSegment("LOYAL")));
        expected.put("InteractionLogged-1", interaction(PersonalText.legacy("Asked where the refund is")));
        expected.put("InteractionLogged-2", interaction(SEALED));
        expected.put("CaseAssigned-1", new CaseAssigned(CASE_ID, "bob"));
        expected.put("ExceptionRequested-1", requested(PersonalText.legacy("Parcel was late twice")));
        expected.put("ExceptionRequested-2", requested(SEALED));
        expected.put("ExceptionGranted-1", granted(PersonalText.legacy("Parcel was late twice")));
        expected.put("ExceptionGranted-2", granted(SEALED));
        expected.put("ExceptionDeclined-1", declined(PersonalText.legacy("Outside any window we know")));
        expected.put("ExceptionDeclined-2", declined(SEALED));
        expected.put("ExceptionReviewed-1", new ExceptionReviewed(CASE_ID, EXCEPTION_ID,
                ReviewVerdict.RULE_CHANGE_PROPOSED, PersonalText.legacy("Happens every week"), "sam"));
        expected.put("ExceptionReviewed-2", new ExceptionReviewed(CASE_ID, EXCEPTION_ID,
                ReviewVerdict.RULE_CHANGE_PROPOSED, SEALED, "sam"));
        expected.put("CaseResolved-1", new CaseResolved(CASE_ID, Outcome.SOLVED, PersonalText.legacy("Refunded the shipping")));
        expected.put("CaseResolved-2", new CaseResolved(CASE_ID, Outcome.SOLVED, SEALED));
        expected.put("SatisfactionRecorded-1", satisfaction(PersonalText.legacy("Quick and kind")));
        expected.put("SatisfactionRecorded-2", satisfaction(SEALED));
        expected.put("CaseReopened-1", new CaseReopened(CASE_ID, PersonalText.legacy("The refund never arrived")));
        expected.put("CaseReopened-2", new CaseReopened(CASE_ID, SEALED));
        expected.put("PolicyDefined-1", new PolicyDefined(POLICY, 1, terms()));
        expected.put("PolicyRevised-1", new PolicyRevised(POLICY, 2, terms(), List.of("ownAuthorityLimits"),
                PROPOSAL_ID, List.of(EXCEPTION_ID)));
        expected.put("RuleChangeProposed-1", new RuleChangeProposed(POLICY, PROPOSAL_ID,
                PersonalText.legacy("Let agents give 7 more days"), List.of(EXCEPTION_ID), "alice"));
        expected.put("RuleChangeProposed-2", new RuleChangeProposed(POLICY, PROPOSAL_ID, SEALED,
                List.of(EXCEPTION_ID), "alice"));
        expected.put("PolicyRetired-1", new PolicyRetired(POLICY, 3, "Replaced by the returns policy"));
        expected.put("CustomerDataErased-1", new CustomerDataErased(new CustomerId("CUST-1042"), 2));
        return expected.entrySet().stream().map(entry -> {
            String name = entry.getKey();
            int dash = name.lastIndexOf('-');
            return new Fixture(name, entry.getValue().getClass().getName(), name.substring(dash + 1), entry.getValue());
        }).toList();
    }

    static InteractionLogged interaction(PersonalText summary) {
        return new InteractionLogged(CASE_ID, Channel.EMAIL, Direction.IN, summary);
    }

    static ExceptionRequested requested(PersonalText justification) {
        return new ExceptionRequested(CASE_ID, EXCEPTION_ID, POLICY, 2, threeDays(), Money.of("25.00", "EUR"),
                "LATE_DELIVERY", justification, "alice", Role.SUPERVISOR);
    }

    static ExceptionGranted granted(PersonalText justification) {
        return granted(justification, threeDays());
    }

    static ExceptionGranted granted(PersonalText justification, Deviation deviation) {
        return new ExceptionGranted(CASE_ID, EXCEPTION_ID, POLICY, 2, deviation, Money.of("25.00", "EUR"),
                "LATE_DELIVERY", justification, Authority.APPROVED, "alice", "sam");
    }

    static ExceptionDeclined declined(PersonalText note) {
        return new ExceptionDeclined(CASE_ID, EXCEPTION_ID, "sam", note);
    }

    static SatisfactionRecorded satisfaction(PersonalText comment) {
        return new SatisfactionRecorded(CASE_ID, 4, comment, 1, List.of("alice", "sam"));
    }

    static PolicyTerms terms() {
        return new PolicyTerms("Return window", "Returns within 30 days", PolicyKind.BENDABLE, DeviationUnit.DAYS,
                Map.of(Role.AGENT, Money.of("30", "EUR"), Role.SUPERVISOR, Money.of("150", "EUR")),
                Money.of("300", "EUR"));
    }

    private static Deviation threeDays() {
        return new Deviation(new BigDecimal("3"), DeviationUnit.DAYS);
    }
}
