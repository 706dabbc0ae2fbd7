package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * query-service's analytics API as the analytics bench calls it: every path, parameter and request body in one
 * place. The what-if and the exports were still in progress on their branch when the bench was written (shapes
 * as of whatif-export 6b9c348): when they change, adapt them here.
 */
final class AnalyticsApi {

    /** Every analytics GET the bench times, with each {@code by} value; {@link #outcomesOf} adds one more. */
    static final List<String> QUESTIONS = List.of(
            "/analytics/overrides?by=agent",
            "/analytics/overrides?by=channel",
            "/analytics/overrides?by=segment",
            "/analytics/overrides?by=policy",
            "/analytics/overrides?by=week",
            "/analytics/outcomes",
            "/analytics/fairness?by=segment",
            "/analytics/fairness?by=channel",
            "/analytics/resolution?by=agent",
            "/analytics/resolution?by=channel",
            "/analytics/resolution?by=policy",
            "/analytics/resolution?by=week",
            "/analytics/rule-debt");

    /** {@code POST}, body {@link #whatIf}; answers a WhatIfView whose {@link #WHAT_IF_BENDS} counts the bends replayed. */
    static final String WHAT_IF = "/analytics/what-if";
    static final String WHAT_IF_BENDS = "bends";

    /** Export formats, as the {@code format} parameter names them. */
    static final String PARQUET = "parquet";
    static final String CSV = "csv";

    private AnalyticsApi() {
    }

    /** Outcomes of the cases bent under one policy (against unbent ones). */
    static String outcomesOf(String policyCode) {
        return "/analytics/outcomes?policy=" + URLEncoder.encode(policyCode, StandardCharsets.UTF_8);
    }

    /** A policy's terms in force (a PolicyView), read to propose other terms in a what-if. */
    static String policy(String policyCode) {
        return "/policies/" + URLEncoder.encode(policyCode, StandardCharsets.UTF_8);
    }

    /** Every bend (bend_fact) as a file, all time: {@code csv} or {@code parquet}. */
    static String bendExport(String format) {
        return "/analytics/export/bends?format=" + format;
    }

    /**
     * The what-if body (WhatIfRequest) for a policy as {@code GET /policies/{code}} answers it: the same kind,
     * currency and monthly budget, every role's own-authority limit halved (rounded down to the currency's
     * decimals), over all time (no from/to). Halving moves bends from own authority to a second person, so the
     * replay has something to say.
     */
    static ObjectNode whatIf(JsonNode policy) {
        String currency = policy.path("currency").asText();
        int decimals = Currency.getInstance(currency).getDefaultFractionDigits();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("policyCode", policy.path("policyCode").asText());
        body.put("kind", policy.path("kind").asText());
        ObjectNode limits = body.putObject("ownAuthorityLimits");
        for (Iterator<Map.Entry<String, JsonNode>> roles = policy.path("ownAuthorityLimits").fields();
             roles.hasNext(); ) {
            Map.Entry<String, JsonNode> role = roles.next();
            if (role.getValue().isNumber()) {
                limits.put(role.getKey(), halved(role.getValue().decimalValue(), decimals));
            }
        }
        body.put("monthlyBudgetPerAgent", policy.path("monthlyBudgetPerAgent").decimalValue()
                .setScale(decimals, RoundingMode.DOWN));
        body.put("currency", currency);
        return body;
    }

    static BigDecimal halved(BigDecimal amount, int decimals) {
        return amount.divide(BigDecimal.valueOf(2), decimals, RoundingMode.DOWN);
    }
}
