package dev.leeway.command.imports;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.leeway.command.cases.web.AssignCaseRequest;
import dev.leeway.command.cases.web.BendPolicyRequest;
import dev.leeway.command.cases.web.DecisionRequest;
import dev.leeway.command.cases.web.LogInteractionRequest;
import dev.leeway.command.cases.web.ReopeningRequest;
import dev.leeway.command.cases.web.ResolutionRequest;
import dev.leeway.command.cases.web.ReviewRequest;
import dev.leeway.command.cases.web.SatisfactionRequest;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.identity.Role;

import java.util.Locale;
import java.util.Set;

/**
 * What a step of imported history is, which request body it carries, and which roles its original actor must have
 * held. The roles mirror the API's table in SecurityConfiguration (a supervisor may do what an agent may;
 * decisions and reviews are for supervisors), so that an import cannot record what the API would have refused.
 */
enum StepType {
    @JsonProperty("interaction") INTERACTION(LogInteractionRequest.class, Roles.FRONT_LINE) {
        @Override
        Object command(Object request, CaseId caseId, ExceptionId bend) {
            return ((LogInteractionRequest) request).toCommand(caseId, ANY_VERSION);
        }
    },
    @JsonProperty("assignment") ASSIGNMENT(AssignCaseRequest.class, Roles.FRONT_LINE) {
        @Override
        Object command(Object request, CaseId caseId, ExceptionId bend) {
            return ((AssignCaseRequest) request).toCommand(caseId, ANY_VERSION);
        }
    },
    @JsonProperty("bend") BEND(BendPolicyRequest.class, Roles.FRONT_LINE) {
        @Override
        Object command(Object request, CaseId caseId, ExceptionId bend) {
            return ((BendPolicyRequest) request).toCommand(caseId, ANY_VERSION, bend);
        }
    },
    @JsonProperty("decision") DECISION(DecisionRequest.class, Roles.SUPERVISORS) {
        @Override
        Object command(Object request, CaseId caseId, ExceptionId bend) {
            return ((DecisionRequest) request).toCommand(caseId, ANY_VERSION, bend);
        }
    },
    @JsonProperty("review") REVIEW(ReviewRequest.class, Roles.SUPERVISORS) {
        @Override
        Object command(Object request, CaseId caseId, ExceptionId bend) {
            return ((ReviewRequest) request).toCommand(caseId, ANY_VERSION, bend);
        }
    },
    @JsonProperty("resolution") RESOLUTION(ResolutionRequest.class, Roles.FRONT_LINE) {
        @Override
        Object command(Object request, CaseId caseId, ExceptionId bend) {
            return ((ResolutionRequest) request).toCommand(caseId, ANY_VERSION);
        }
    },
    @JsonProperty("satisfaction") SATISFACTION(SatisfactionRequest.class, Roles.FRONT_LINE) {
        @Override
        Object command(Object request, CaseId caseId, ExceptionId bend) {
            return ((SatisfactionRequest) request).toCommand(caseId, ANY_VERSION);
        }
    },
    @JsonProperty("reopening") REOPENING(ReopeningRequest.class, Roles.FRONT_LINE) {
        @Override
        Object command(Object request, CaseId caseId, ExceptionId bend) {
            return ((ReopeningRequest) request).toCommand(caseId, ANY_VERSION);
        }
    };

    /**
     * No If-Match: the steps of a line run one after the other in one transaction on a case nobody else can know
     * yet (its id is derived from the source id), so there is no version to race against.
     */
    private static final Long ANY_VERSION = null;

    private final Class<?> request;
    private final Set<Role> mayAct;

    StepType(Class<?> request, Set<Role> mayAct) {
        this.request = request;
        this.mayAct = mayAct;
    }

    Class<?> request() {
        return request;
    }

    Set<Role> mayAct() {
        return mayAct;
    }

    /** The command the API would have sent for {@code request} ({@code bend} is null unless the step is about one). */
    abstract Object command(Object request, CaseId caseId, ExceptionId bend);

    /** Whether this step names a bend through {@code bendRef}. */
    boolean aboutABend() {
        return this == BEND || this == DECISION || this == REVIEW;
    }

    /** The name in the file, also used in the refusal's list of accepted values. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Who may open a case, log, bend, resolve... (AGENT, and SUPERVISOR above it); who may decide and review. */
    static final class Roles {
        static final Set<Role> FRONT_LINE = Set.of(Role.AGENT, Role.SUPERVISOR);
        static final Set<Role> SUPERVISORS = Set.of(Role.SUPERVISOR);

        private Roles() {
        }
    }
}
