package dev.leeway.command.cases;

import dev.leeway.command.policies.CurrentPolicy;
import dev.leeway.command.policies.Rulebook;
import dev.leeway.command.support.ApiClient;
import dev.leeway.command.support.CommandApiTest;
import dev.leeway.kernel.identity.Role;
import dev.leeway.kernel.policies.PolicyCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The stories the front line lives by, over HTTP with tokens, and every guardrail refusing with its code. */
class FrontLineStoriesIT extends CommandApiTest {

    @Autowired
    Rulebook rulebook;

    @Test
    void rebateWithoutTheFormWithinOwnLimitThenResolvedAndRatedFiveOutOfFive() {
        String rebate = definePolicy("BENDABLE", "MONEY", 50, 500, 200);
        ApiClient agent = as(unique("agent"), Role.AGENT);

        String caseId = agent.post("/cases", """
                {"customerId":"CUST-77","channel":"PHONE","subject":"Rebate form lost in the post"}""").text("caseId");
        ApiClient.Response bend = agent.post("/cases/" + caseId + "/exceptions", bendBody(rebate, "25", "25"));
        ApiClient.Response resolved = agent.post("/cases/" + caseId + "/resolution",
                "{\"outcome\":\"SOLVED\",\"summary\":\"Rebate paid without the form\"}");
        ApiClient.Response rated = agent.post("/cases/" + caseId + "/satisfaction", "{\"score\":5,\"comment\":\"Thanks!\"}");

        assertThat(bend.status()).as(bend.body()).isEqualTo(201);
        assertThat(bend.text("status")).isEqualTo("GRANTED");
        assertThat(bend.text("authority")).isEqualTo("OWN_LIMIT");
        assertThat(bend.header("ETag")).isEqualTo("\"1\"");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(rated.status()).isEqualTo(200);
        assertThat(rated.header("ETag")).isEqualTo("\"3\"");
        assertThat(eventTypes(caseId)).containsExactly("CaseOpened", "ExceptionGranted", "CaseResolved",
                "SatisfactionRecorded");
    }

    @Test
    void lateReturnAboveTheAgentsLimitIsApprovedReviewedProposedAndTheRuleRevised() {
        String returns = definePolicy("BENDABLE", "DAYS", 30, 200, 500);
        String agentId = unique("agent");
        ApiClient agent = as(agentId, Role.AGENT);
        ApiClient sam = as(unique("sam"), Role.SUPERVISOR);
        ApiClient sue = as(unique("sue"), Role.SUPERVISOR);
        ApiClient owner = as("olivia", Role.POLICY_OWNER);
        String caseId = openCase(agent);

        ApiClient.Response requested = agent.post("/cases/" + caseId + "/exceptions", bendBody(returns, "10", "120"));
        String bendId = requested.text("exceptionId");
        ApiClient.Response approved = sam.post("/cases/" + caseId + "/exceptions/" + bendId + "/decision",
                "{\"decision\":\"APPROVE\",\"note\":\"Hospital stay, fair\"}");
        ApiClient.Response reviewed = sue.post("/cases/" + caseId + "/exceptions/" + bendId + "/review",
                "{\"verdict\":\"RULE_CHANGE_PROPOSED\",\"note\":\"Hospital stays keep coming up\"}");
        ApiClient.Response proposed = agent.post("/policies/" + returns + "/proposals", """
                {"proposal":"Allow 30 days after a hospital stay","citedExceptionIds":["%s"]}""".formatted(bendId));
        ApiClient.Response revised = owner.put("/policies/" + returns, """
                {"title":"%s","purpose":"Test rule","kind":"BENDABLE","unit":"DAYS","currency":"EUR",
                 "ownAuthorityLimits":{"AGENT":150,"SUPERVISOR":200},"monthlyBudgetPerAgent":500,
                 "proposalId":"%s","motivatingExceptionIds":["%s"]}"""
                .formatted(returns, proposed.text("proposalId"), bendId));

        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.text("status")).isEqualTo("PENDING");
        assertThat(requested.text("approverRole")).isEqualTo("SUPERVISOR");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("GRANTED");
        assertThat(approved.text("authority")).isEqualTo("APPROVED");
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        assertThat(revised.json().get("version").asInt()).isEqualTo(2);
        CurrentPolicy policy = rulebook.find(new PolicyCode(returns)).orElseThrow();
        assertThat(policy.version()).isEqualTo(2);
        assertThat(policy.terms().ownAuthorityLimits().get(Role.AGENT).amount()).isEqualByComparingTo("150");
        Map<String, Object> grant = jdbc.queryForMap("""
                SELECT payload::jsonb ->> 'policyVersion' AS version, payload::jsonb ->> 'grantedBy' AS granted_by,
                       payload::jsonb ->> 'requestedBy' AS requested_by
                FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%ExceptionGranted'""", caseId);
        assertThat(grant).containsEntry("version", "1").containsEntry("requested_by", agentId);
        assertThat(jdbc.queryForObject("""
                SELECT payload::jsonb -> 'motivatingExceptionIds' ->> 0 FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%PolicyRevised'""", String.class, returns))
                .isEqualTo(bendId);
    }

    @Test
    void aHardRuleUnknownRuleAndRetiredRuleAreRefusedAndNothingIsStored() {
        String hard = definePolicy("HARD", "NONE", 50, 500, 200);
        String retired = definePolicy("BENDABLE", "DAYS", 50, 500, 200);
        as("olivia", Role.POLICY_OWNER).post("/policies/" + retired + "/retirement", "{\"reason\":\"obsolete\"}");
        ApiClient agent = as(unique("agent"), Role.AGENT);
        String caseId = openCase(agent);

        assertRefused(() -> agent.post("/cases/" + caseId + "/exceptions", bendBody(hard, "1", "0")),
                422, "POLICY_NOT_BENDABLE");
        assertRefused(() -> agent.post("/cases/" + caseId + "/exceptions", bendBody("NO-SUCH-RULE", "1", "1")),
                422, "POLICY_UNKNOWN");
        assertRefused(() -> agent.post("/cases/" + caseId + "/exceptions", bendBody(retired, "1", "1")),
                422, "POLICY_RETIRED");
    }

    @Test
    void makerCheckerAndReviewGuardrailsRefuseWithTheirCodesAndStoreNothing() {
        String policy = definePolicy("BENDABLE", "DAYS", 30, 200, 100);
        ApiClient agent = as(unique("agent"), Role.AGENT);
        ApiClient sam = as(unique("sam"), Role.SUPERVISOR);
        ApiClient sue = as(unique("sue"), Role.SUPERVISOR);
        String caseId = openCase(agent);
        String overEveryone = agent.post("/cases/" + caseId + "/exceptions", bendBody(policy, "9", "300")).text("exceptionId");
        String samsOwn = sam.post("/cases/" + caseId + "/exceptions", bendBody(policy, "2", "150")).text("exceptionId");
        String fine = agent.post("/cases/" + caseId + "/exceptions", bendBody(policy, "2", "80")).text("exceptionId");

        assertRefused(() -> sam.post(decision(caseId, samsOwn), "{\"decision\":\"APPROVE\"}"), 403, "SAME_PERSON_APPROVAL");
        assertRefused(() -> sam.post(decision(caseId, overEveryone), "{\"decision\":\"APPROVE\"}"), 422, "OVER_APPROVER_LIMIT");
        assertThat(sam.post(decision(caseId, fine), "{\"decision\":\"APPROVE\"}").status()).isEqualTo(200);
        assertRefused(() -> sue.post(decision(caseId, fine), "{\"decision\":\"DECLINE\"}"), 409, "ALREADY_DECIDED");
        assertRefused(() -> sam.post(review(caseId, fine), "{\"verdict\":\"UPHELD\"}"), 403, "SAME_PERSON_REVIEW");
        assertRefused(() -> sue.post(review(caseId, overEveryone), "{\"verdict\":\"UPHELD\"}"), 409, "NOT_GRANTED");
        assertThat(sue.post(review(caseId, fine), "{\"verdict\":\"COACHED\"}").status()).isEqualTo(200);
        assertRefused(() -> sue.post(review(caseId, fine), "{\"verdict\":\"UPHELD\"}"), 409, "ALREADY_REVIEWED");
    }

    @Test
    void lifecycleGuardrailsRefuseWithTheirCodesAndStoreNothing() {
        String policy = definePolicy("BENDABLE", "DAYS", 30, 200, 100);
        ApiClient agent = as(unique("agent"), Role.AGENT);
        String caseId = openCase(agent);

        assertRefused(() -> agent.post("/cases/" + caseId + "/satisfaction", "{\"score\":4}"), 409, "NOT_RESOLVED");
        assertRefused(() -> agent.post("/cases/" + caseId + "/reopening", "{\"reason\":\"r\"}"), 409, "NOT_RESOLVED");
        agent.post("/cases/" + caseId + "/resolution", "{\"outcome\":\"SOLVED\",\"summary\":\"done\"}");
        assertRefused(() -> agent.post("/cases/" + caseId + "/exceptions", bendBody(policy, "1", "1")), 409, "CASE_NOT_OPEN");
        assertRefused(() -> agent.post("/cases/" + caseId + "/resolution", "{\"outcome\":\"SOLVED\",\"summary\":\"x\"}"),
                409, "CASE_NOT_OPEN");
        agent.post("/cases/" + caseId + "/satisfaction", "{\"score\":2}");
        assertRefused(() -> agent.post("/cases/" + caseId + "/satisfaction", "{\"score\":5}"), 409,
                "SATISFACTION_ALREADY_RECORDED");
        assertRefused(() -> agent.post("/cases/" + UUID.randomUUID() + "/resolution",
                "{\"outcome\":\"SOLVED\",\"summary\":\"x\"}"), 404, "CASE_NOT_FOUND");
        assertRefused(() -> agent.post("/cases/" + caseId + "/exceptions", """
                {"policyCode":"%s","deviation":1,"valueGiven":{"amount":1,"currency":"EUR"},
                 "reasonCode":"R","justification":"   "}""".formatted(policy)), 400, "VALIDATION_FAILED");
    }

    private void assertRefused(Supplier<ApiClient.Response> request, int status, String code) {
        long before = storedEvents();
        ApiClient.Response response = request.get();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(code);
        assertThat(storedEvents()).as("a refused command stores nothing").isEqualTo(before);
    }

    private List<String> eventTypes(String caseId) {
        return jdbc.queryForList("""
                SELECT regexp_replace(payload_type, '.*\\.', '') FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""", String.class, caseId);
    }

    private static String bendBody(String policy, String deviation, String value) {
        return """
                {"policyCode":"%s","deviation":%s,"valueGiven":{"amount":%s,"currency":"EUR"},
                 "reasonCode":"GOODWILL","justification":"Customer was not at fault"}""".formatted(policy, deviation, value);
    }

    private static String decision(String caseId, String bendId) {
        return "/cases/" + caseId + "/exceptions/" + bendId + "/decision";
    }

    private static String review(String caseId, String bendId) {
        return "/cases/" + caseId + "/exceptions/" + bendId + "/review";
    }
}
