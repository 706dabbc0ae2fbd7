package dev.leeway.command.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.command.cases.web.OpenCaseRequest;
import dev.leeway.command.security.Actor;
import dev.leeway.command.web.InvalidRequestValue;
import dev.leeway.command.web.JsonProblems;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.cases.CaseId;
import dev.leeway.kernel.cases.ExceptionId;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.problems.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads one line of a history import into the commands it stands for, and refuses it ({@link RejectedLine}) before
 * any is sent if the API would have refused any of them as a request. The case and each step are read into the
 * API's own request records with the API's ObjectMapper and Validator, so text rules, bounds, unknown and duplicate
 * fields are the API's, with the same codes; only what is the import's own is checked here: time order, the
 * original actor's roles, and which bend a decision or review is about.
 */
@Component
class HistoryLineReader {

    private static final String OPENING = "opening";

    private final ObjectMapper json;
    private final ObjectReader lines;
    private final Validator validator;
    private final Clock clock;

    HistoryLineReader(ObjectMapper json, Validator validator, Clock clock) {
        this.json = json;
        // Numbers stay exact in the tree (an amount of 25.001 must be refused, not rounded by a double first).
        this.lines = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        this.validator = validator;
        this.clock = clock;
    }

    /** The case of one line, with its steps in time order; the source id as far as it could be read, if refused. */
    CaseHistory read(byte[] text) {
        ObjectNode line = parse(text);
        if (line.has("caseId")) {
            throw new RejectedLine(Problem.of(ErrorCode.UNKNOWN_FIELD, "Unknown field 'caseId': an imported case's"
                    + " id is derived from its sourceId.", List.of(new Problem.FieldError("caseId",
                    "is derived from sourceId"))));
        }
        List<ObjectNode> stepNodes = steps(line.remove(CaseLine.STEPS));
        CaseLine caseLine = valid(convert(take(line, CaseLine.FIELDS), CaseLine.class, ""), "");
        OpenCaseRequest opening = valid(convert(line, OpenCaseRequest.class, ""), "");
        CaseId caseId = ImportIds.caseId(caseLine.sourceId());

        List<CaseHistory.Step> steps = new ArrayList<>();
        Actor openedBy = permitted(StepType.Roles.FRONT_LINE, caseLine.openedBy(), "", "opening a case");
        steps.add(new CaseHistory.Step(OPENING, command("", () -> opening.toCommand(caseId)), openedBy,
                notInTheFuture(caseLine.openedAt(), "openedAt")));
        Instant previous = caseLine.openedAt();
        Set<String> bends = new HashSet<>();
        for (int i = 0; i < stepNodes.size(); i++) {
            String name = "steps[" + i + "]";
            String prefix = name + ".";
            ObjectNode node = stepNodes.get(i);
            StepLine step = valid(convert(take(node, StepLine.FIELDS), StepLine.class, prefix), prefix);
            Object request = valid(convert(node, step.type().request(), prefix), prefix);
            inTimeOrder(previous, step.at(), prefix + "at");
            notInTheFuture(step.at(), prefix + "at");
            Actor actor = permitted(step.type().mayAct(), step.by(), prefix, "a step of type '" + step.type() + "'");
            ExceptionId bend = bend(step, bends, caseLine.sourceId(), prefix + "bendRef");
            steps.add(new CaseHistory.Step(name, command(prefix, () -> step.type().command(request, caseId, bend)),
                    actor, step.at()));
            previous = step.at();
        }
        return new CaseHistory(caseLine.sourceId(), caseId, steps);
    }

    /** The line's source id as it stands, for the report of a line refused before it was fully read. */
    String sourceIdOf(byte[] text) {
        try {
            JsonNode sourceId = lines.readTree(text).path("sourceId");
            return sourceId.isTextual() && sourceId.textValue().length() <= 200 ? sourceId.textValue() : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private ObjectNode parse(byte[] text) {
        JsonNode tree;
        try {
            tree = lines.readTree(text);
        } catch (IOException e) {
            throw new RejectedLine(JsonProblems.describe(e));
        }
        if (!(tree instanceof ObjectNode line)) {
            throw new RejectedLine(Problem.of(ErrorCode.MALFORMED_JSON, "Each line is one JSON object: one case."));
        }
        return line;
    }

    private static List<ObjectNode> steps(JsonNode steps) {
        if (steps == null || steps.isNull()) {
            return List.of();
        }
        if (!steps.isArray()) {
            throw invalid(CaseLine.STEPS, "must be an array of steps", "Field 'steps' has the wrong type.");
        }
        if (steps.size() > CaseLine.MAX_STEPS) {
            throw invalid(CaseLine.STEPS, "must hold at most " + CaseLine.MAX_STEPS + " steps",
                    "A case holds at most " + CaseLine.MAX_STEPS + " steps.");
        }
        List<ObjectNode> nodes = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof ObjectNode step)) {
                throw invalid("steps[" + i + "]", "must be an object", "Field 'steps[" + i + "]' has the wrong type.");
            }
            nodes.add(step);
        }
        return nodes;
    }

    /** Moves {@code fields} out of {@code node} into a node of their own: the import's fields, apart from the API's. */
    private static ObjectNode take(ObjectNode node, List<String> fields) {
        ObjectNode taken = node.objectNode();
        for (String field : fields) {
            JsonNode value = node.remove(field);
            if (value != null) {
                taken.set(field, value);
            }
        }
        return taken;
    }

    private <T> T convert(ObjectNode node, Class<T> type, String prefix) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new RejectedLine(prefixed(JsonProblems.describe(e), prefix));
        } catch (IllegalArgumentException e) {
            throw new RejectedLine(prefixed(JsonProblems.describe(e.getCause() != null ? e.getCause() : e), prefix));
        }
    }

    private <T> T valid(T value, String prefix) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (violations.isEmpty()) {
            return value;
        }
        List<Problem.FieldError> errors = violations.stream()
                .map(violation -> new Problem.FieldError(prefix + violation.getPropertyPath(), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String where = prefix.isEmpty() ? "The case" : "Step " + prefix.substring(0, prefix.length() - 1);
        throw new RejectedLine(Problem.of(ErrorCode.VALIDATION_FAILED, where + " has invalid fields.", errors));
    }

    /** Builds a command as the API does, which checks some values (codes, currencies) as it goes. */
    private static Object command(String prefix, Supplier<Object> command) {
        try {
            return command.get();
        } catch (InvalidRequestValue e) {
            String field = prefix + e.field();
            throw invalid(field, e.getMessage(), "Field '" + field + "' " + e.getMessage() + ".");
        }
    }

    private static void inTimeOrder(Instant previous, Instant at, String field) {
        if (at.isBefore(previous)) {
            throw invalid(field, "must not be before the step before it",
                    "Steps are in time order: '" + field + "' (" + at + ") is before " + previous + ".");
        }
    }

    private Instant notInTheFuture(Instant at, String field) {
        if (at.isAfter(clock.instant())) {
            throw invalid(field, "must not be in the future", "History does not happen in the future: '" + field
                    + "' is " + at + ".");
        }
        return at;
    }

    /**
     * The original actor, if they held a role that may do this step through the API. Refused as FORBIDDEN, as the
     * API would have refused their token.
     */
    private static Actor permitted(Set<Role> mayAct, HistoricalActor actor, String prefix, String what) {
        if (Collections.disjoint(mayAct, actor.roles())) {
            String allowed = mayAct.stream().map(Role::name).sorted().collect(Collectors.joining(" or "));
            String field = prefix + (prefix.isEmpty() ? "openedBy" : "by") + ".roles";
            throw new RejectedLine(Problem.of(ErrorCode.FORBIDDEN, "'" + field + "': " + what + " needs the role "
                    + allowed + ".", List.of(new Problem.FieldError(field, "must include " + allowed))));
        }
        return actor.toActor();
    }

    /** The Leeway id of the bend a step names: a new one for a bend, an earlier one for a decision or review. */
    private static ExceptionId bend(StepLine step, Set<String> bends, String sourceId, String field) {
        String ref = step.bendRef();
        if (!step.type().aboutABend()) {
            if (ref != null) {
                throw invalid(field, "is only for bends, decisions and reviews",
                        "'" + field + "' is only for bends, decisions and reviews.");
            }
            return null;
        }
        if (ref == null || ref.isBlank()) {
            throw invalid(field, "must not be blank", "A " + step.type() + " names its bend in '" + field + "'.");
        }
        if (step.type() == StepType.BEND && !bends.add(ref)) {
            throw invalid(field, "names a bend already made in this case",
                    "'" + field + "' names a bend already made in this case.");
        }
        if (step.type() != StepType.BEND && !bends.contains(ref)) {
            throw invalid(field, "names no earlier bend of this case",
                    "'" + field + "' names no earlier bend of this case.");
        }
        return ImportIds.exceptionId(sourceId, ref);
    }

    private static RejectedLine invalid(String field, String message, String detail) {
        return new RejectedLine(Problem.of(ErrorCode.VALIDATION_FAILED, detail,
                List.of(new Problem.FieldError(field, message))));
    }

    /** A problem found inside a step, with its fields named from the line: {@code steps[2].summary}. */
    private static Problem prefixed(Problem problem, String prefix) {
        if (prefix.isEmpty()) {
            return problem;
        }
        List<Problem.FieldError> errors = problem.errors() == null ? List.of() : problem.errors().stream()
                .map(error -> new Problem.FieldError(prefix + error.field(), error.message())).toList();
        return Problem.of(ErrorCode.valueOf(problem.code()),
                "Step " + prefix.substring(0, prefix.length() - 1) + ": " + problem.detail(), errors);
    }
}
