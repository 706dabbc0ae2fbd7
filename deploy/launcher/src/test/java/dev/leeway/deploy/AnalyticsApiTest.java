package dev.leeway.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsApiTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Test
    void theWhatIfProposesThePolicysTermsWithEveryOwnAuthorityLimitHalved() throws Exception {
        // As GET /policies/{code} answers it (PolicyView).
        JsonNode policy = JSON.readTree("""
                {"policyCode":"GOODWILL-CREDIT","version":3,"retired":false,"title":"Goodwill credit",
                 "purpose":"p","kind":"BENDABLE","unit":"MONEY","currency":"EUR",
                 "ownAuthorityLimits":{"AGENT":55.0000,"SUPERVISOR":500.0000},
                 "monthlyBudgetPerAgent":1100.0000,"withinBounds":true}""");

        JsonNode body = AnalyticsApi.whatIf(policy);

        assertThat(JSON.writeValueAsString(body)).isEqualTo("{\"policyCode\":\"GOODWILL-CREDIT\",\"kind\":\"BENDABLE\","
                + "\"ownAuthorityLimits\":{\"AGENT\":27.50,\"SUPERVISOR\":250.00},\"monthlyBudgetPerAgent\":1100.00,"
                + "\"currency\":\"EUR\"}");
    }

    @Test
    void aLimitTheReadModelCouldNotHoldIsLeftOut() throws Exception {
        JsonNode policy = JSON.readTree("""
                {"policyCode":"OLD","kind":"BENDABLE","currency":"JPY",
                 "ownAuthorityLimits":{"AGENT":null,"SUPERVISOR":301},"monthlyBudgetPerAgent":1000}""");

        JsonNode body = AnalyticsApi.whatIf(policy);

        assertThat(body.path("ownAuthorityLimits").has("AGENT")).isFalse();
        assertThat(body.path("ownAuthorityLimits").path("SUPERVISOR").decimalValue()).isEqualTo(new BigDecimal("150"));
    }

    @Test
    void halvingRoundsDownToTheCurrencysDecimals() {
        assertThat(AnalyticsApi.halved(new BigDecimal("0.05"), 2)).isEqualTo(new BigDecimal("0.02"));
        assertThat(AnalyticsApi.halved(new BigDecimal("301"), 0)).isEqualTo(new BigDecimal("150"));
    }

    @Test
    void everyAnalyticsQuestionAndEveryGroupingIsTimed() {
        assertThat(AnalyticsApi.QUESTIONS).hasSize(13).doesNotHaveDuplicates()
                .allMatch(path -> path.startsWith("/analytics/"));
        assertThat(AnalyticsApi.outcomesOf("GOODWILL-CREDIT")).isEqualTo("/analytics/outcomes?policy=GOODWILL-CREDIT");
        assertThat(AnalyticsApi.bendExport(AnalyticsApi.PARQUET)).isEqualTo("/analytics/export/bends?format=parquet");
    }
}
