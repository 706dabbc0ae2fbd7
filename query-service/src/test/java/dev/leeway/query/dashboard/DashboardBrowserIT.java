package dev.leeway.query.dashboard;

import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.query.support.EventStoreFixture;
import dev.leeway.query.support.HeadlessChromium;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analysts' dashboard in a real browser (headless Chromium): who gets in, that the page loads without a
 * console error, that its charts draw, and that every figure it shows is the analytics API's, fetched in the same
 * test with an analyst's bearer token for the same period (the page's days, both included, as the API's
 * half-open window).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class DashboardBrowserIT {

    /** Twelve Monday-to-Sunday weeks in a year no other test writes facts for. */
    private static final LocalDate FROM = LocalDate.parse("2019-03-04");
    private static final LocalDate TO = LocalDate.parse("2019-05-26");
    private static final String PERIOD = "?from=" + FROM + "&to=" + TO;
    /** The same period as the API takes it: to is exclusive, so the day after the last. */
    private static final String WINDOW = "from=" + FROM + "&to=" + TO.plusDays(1);
    private static final DashboardFacts QUARTER = DashboardFacts.quarter(20190304L, 420, FROM, TO);

    /** Three weeks of another year, the middle one without cases, with a policy, a segment and an agent of markup. */
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final String MARKUP = "X-" + SUFFIX + "</script><b>&\"'";
    private static final String MARKUP_SEGMENT = "<i>S-" + SUFFIX + "</i>&\"'";
    private static final String MARKUP_AGENT = "<b>agent-" + SUFFIX + "</b>";
    private static final LocalDate ODD_FROM = LocalDate.parse("2018-01-01");
    private static final LocalDate ODD_TO = LocalDate.parse("2018-01-21");
    private static final DashboardFacts ODD = new DashboardFacts()
            .policy(MARKUP, "<script>alert(1)</script>")
            .openCase("2018-01-02T09:00:00Z", MARKUP_SEGMENT, MARKUP_AGENT).granted(MARKUP, "9.99")
            .openCase("2018-01-03T09:00:00Z", "REGULAR", MARKUP_AGENT)
            .openCase("2018-01-16T09:00:00Z", MARKUP_SEGMENT, MARKUP_AGENT);

    private static final Path SCREENSHOT = Path.of("target/dashboard.png");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final FigureFormat FORMAT = new FigureFormat();

    private static ChromeDriver browser;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void factsAndBrowser() throws Exception {
        EventStoreFixture.migrate();
        try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
            QUARTER.insert(connection);
            ODD.insert(connection);
        }
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void signedOut() {
        browser.get(url("/dashboard/sign-in"));
        browser.manage().deleteAllCookies();
    }

    @Test
    void someoneNotSignedInIsSentToTheSignInPage() {
        browser.get(url("/dashboard" + PERIOD));

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/dashboard/sign-in"));
        assertThat(browser.findElement(By.id("token")).getAttribute("type")).isEqualTo("password");
    }

    @Test
    void anAgentsTokenIsRefusedAndNotKept() {
        signIn(token("alice", "AGENT", Duration.ofMinutes(10)));

        assertThat(browser.findElement(By.id("forbidden")).getText()).isEqualTo("Not allowed");
        assertThat(browser.findElement(By.className("refusal")).getText()).contains("ANALYST");
        assertThat(browser.manage().getCookieNamed(SignInCookie.NAME)).isNull();
        browser.get(url("/dashboard"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/dashboard/sign-in"));
    }

    @Test
    void anExpiredOrForgedTokenIsRefusedOnTheSignInPage() {
        String analyst = token("ana", "ANALYST", Duration.ofMinutes(10));
        for (String refused : List.of(token("ana", "ANALYST", Duration.ofMinutes(-5)), analyst + "x", "not-a-token")) {
            signIn(refused);

            assertThat(browser.findElement(By.id("refusal")).getText()).contains("not accepted");
            assertThat(browser.manage().getCookieNamed(SignInCookie.NAME)).isNull();
        }
    }

    @Test
    void anAnalystSeesTheApisFiguresDrawnWithoutAConsoleError() throws Exception {
        signIn(token("ana", "ANALYST", Duration.ofMinutes(10)));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/dashboard"));
        browserErrors();

        browser.get(url("/dashboard" + PERIOD));

        assertThat(browser.findElement(By.id("analyst")).getText()).isEqualTo("ana");
        WebElement window = browser.findElement(By.id("window"));
        assertThat(window.getAttribute("data-from")).isEqualTo("2019-03-04T00:00:00Z");
        assertThat(window.getAttribute("data-to")).isEqualTo("2019-05-27T00:00:00Z");
        assertThat(window.getText()).contains("from=2019-03-04&to=2019-05-27");
        assertOverrideRateIsTheApis(api("/analytics/overrides?by=week&" + WINDOW), FROM, TO);
        assertCostPerPolicyIsTheApis(api("/analytics/overrides?by=policy&" + WINDOW));
        assertResolutionIsTheApis(api("/analytics/resolution?by=channel&" + WINDOW));
        assertOutcomesAreTheApis(api("/analytics/outcomes?" + WINDOW));
        assertFairnessIsTheApis(api("/analytics/fairness?by=segment&" + WINDOW));
        assertRuleDebtIsTheApis(api("/analytics/rule-debt?" + WINDOW));

        assertThat(paintedPixels("override-rate-chart")).as("pixels painted by the override-rate chart").isPositive();
        assertThat(paintedPixels("cost-chart")).as("pixels painted by the cost chart").isPositive();
        screenshot();
        assertThat(browserErrors()).as("console errors on the dashboard").isEmpty();
    }

    /** Guards the comparison above: the page's last day is in the API's window only because to is the day after. */
    @Test
    void theLastDayOfThePeriodCountsInFullAndTheDayAfterNotAtAll() throws Exception {
        JsonNode lastWeek = last(api("/analytics/overrides?by=week&" + WINDOW).get("groups"));
        JsonNode toTheLastMidnight = last(api("/analytics/overrides?by=week&from=" + FROM + "&to=" + TO)
                .get("groups"));
        JsonNode throughTheDayAfter = last(api("/analytics/overrides?by=week&from=" + FROM + "&to="
                + TO.plusDays(2)).get("groups"));

        assertThat(lastWeek.get("group").asText()).isEqualTo("2019-05-20");
        assertThat(toTheLastMidnight.get("cases").asLong()).isLessThan(lastWeek.get("cases").asLong());
        assertThat(throughTheDayAfter.get("group").asText()).isEqualTo("2019-05-27");
        signIn(token("ana", "ANALYST", Duration.ofMinutes(10)));
        browser.get(url("/dashboard" + PERIOD));
        List<WebElement> weeks = browser.findElements(By.cssSelector("#override-rate tr.week"));
        assertThat(last(weeks).getAttribute("data-week")).isEqualTo("2019-05-20");
        assertThat(last(weeks).getAttribute("data-cases")).isEqualTo(lastWeek.get("cases").asText());
    }

    /** Markup in a policy code, a segment and an agent id reaches the page and the chart as text, unharmed. */
    @Test
    void markupInTheFactsIsShownAsTextAndAnEmptyWeekAsAGap() throws Exception {
        signIn(token("ana", "ANALYST", Duration.ofMinutes(10)));
        browserErrors();

        browser.get(url("/dashboard?from=" + ODD_FROM + "&to=" + ODD_TO));

        String window = "from=" + ODD_FROM + "&to=" + ODD_TO.plusDays(1);
        assertOverrideRateIsTheApis(api("/analytics/overrides?by=week&" + window), ODD_FROM, ODD_TO);
        assertThat(chartValues("override-rate-chart")).hasSize(3).element(1).isNull();
        assertCostPerPolicyIsTheApis(api("/analytics/overrides?by=policy&" + window));
        assertFairnessIsTheApis(api("/analytics/fairness?by=segment&" + window));
        assertRuleDebtIsTheApis(api("/analytics/rule-debt?" + window));
        assertThat(browser.findElement(By.cssSelector("#cost-per-policy tr.cost td")).getText()).isEqualTo(MARKUP);
        assertThat(chartLabels("cost-chart")).containsExactly(MARKUP + " (EUR)");
        assertThat(browser.findElement(By.cssSelector("#rule-debt tr.debt")).getAttribute("data-policy"))
                .isEqualTo(MARKUP);
        assertThat(browser.findElement(By.cssSelector("#fairness tr.fairness td")).getText()).isEqualTo(MARKUP_AGENT);
        assertThat(browser.findElements(By.cssSelector("main b, main i, main script:not([type])"))).isEmpty();
        assertThat(browserErrors()).as("console errors on the dashboard").isEmpty();
    }

    private void assertOverrideRateIsTheApis(JsonNode byWeek, LocalDate from, LocalDate to) {
        assertThat(byWeek.get("from").asText()).isEqualTo(midnight(from).toString());
        assertThat(byWeek.get("to").asText()).isEqualTo(midnight(to.plusDays(1)).toString());
        Map<String, JsonNode> apiWeeks = new LinkedHashMap<>();
        byWeek.get("groups").forEach(week -> apiWeeks.put(week.get("group").asText(), week));
        List<WebElement> rows = browser.findElements(By.cssSelector("#override-rate tr.week"));
        List<String> mondays = rows.stream().map(row -> row.getAttribute("data-week")).toList();
        assertThat(mondays).as("every Monday of the period, the API's weeks among them")
                .containsAll(apiWeeks.keySet())
                .startsWith(from.minusDays(from.getDayOfWeek().getValue() - 1).toString())
                .endsWith(to.minusDays(to.getDayOfWeek().getValue() - 1).toString());
        List<Object> points = new ArrayList<>();
        for (WebElement row : rows) {
            JsonNode week = apiWeeks.get(row.getAttribute("data-week"));
            String shown = row.findElement(By.className("rate")).getText();
            if (week == null) {
                assertThat(row.getAttribute("data-rate")).isNull();
                assertThat(shown).isEqualTo("–");
                points.add(null);
                continue;
            }
            assertThat(row.getAttribute("data-cases")).isEqualTo(week.get("cases").asText());
            assertThat(row.getAttribute("data-cases-with-bend")).isEqualTo(week.get("casesWithBend").asText());
            assertSameNumber(row.getAttribute("data-rate"), week.at("/bendRate/rate"));
            assertThat(shown).isEqualTo(FORMAT.percent(week.at("/bendRate/rate").doubleValue()));
            points.add(week.at("/bendRate/rate").doubleValue());
        }
        assertThat(chartLabels("override-rate-chart")).containsExactlyElementsOf(mondays);
        assertThat(chartValues("override-rate-chart")).containsExactlyElementsOf(points);
    }

    private void assertCostPerPolicyIsTheApis(JsonNode byPolicy) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#cost-per-policy tr.cost"));
        assertThat(rows).hasSize(byPolicy.get("groups").size()).isNotEmpty();
        List<String> labels = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode policy = byPolicy.get("groups").get(i);
            WebElement row = rows.get(i);
            assertThat(row.getAttribute("data-policy")).isEqualTo(policy.get("group").asText());
            assertThat(row.getAttribute("data-cases-with-bend")).isEqualTo(policy.get("casesWithBend").asText());
            assertThat(row.getAttribute("data-bends-granted")).isEqualTo(policy.get("bendsGranted").asText());
            Map<String, BigDecimal> valueGiven = new LinkedHashMap<>();
            policy.get("valueGiven").fields().forEachRemaining(amount -> {
                valueGiven.put(amount.getKey(), amount.getValue().decimalValue());
                labels.add(policy.get("group").asText() + " (" + amount.getKey() + ")");
                values.add(amount.getValue().decimalValue().stripTrailingZeros());
            });
            assertThat(row.findElement(By.className("value")).getText()).isEqualTo(FORMAT.money(valueGiven));
        }
        assertThat(chartLabels("cost-chart")).containsExactlyElementsOf(labels);
        assertThat(chartDecimals("cost-chart")).containsExactlyElementsOf(values);
    }

    private void assertResolutionIsTheApis(JsonNode byChannel) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#resolution tr.resolution"));
        assertThat(rows).hasSize(byChannel.get("groups").size()).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode channel = byChannel.get("groups").get(i);
            WebElement row = rows.get(i);
            assertThat(row.getAttribute("data-channel")).isEqualTo(channel.get("group").asText());
            assertThat(row.getAttribute("data-cases")).isEqualTo(channel.get("cases").asText());
            assertThat(row.getAttribute("data-resolved")).isEqualTo(channel.get("resolvedCases").asText());
            assertSameNumber(row.getAttribute("data-first-contact"), channel.at("/firstContactResolution/rate"));
            assertSameNumber(row.getAttribute("data-median-seconds"), channel.at("/timeToResolve/medianSeconds"));
            assertSameNumber(row.getAttribute("data-p90-seconds"), channel.at("/timeToResolve/p90Seconds"));
            assertSameNumber(row.getAttribute("data-reopen"), channel.at("/reopenRate/rate"));
            assertSameNumber(row.getAttribute("data-recontact"), channel.at("/recontactRate/rate"));
            assertSameNumber(row.getAttribute("data-csat"), channel.at("/satisfaction/mean"));
            assertThat(row.getAttribute("data-surveys")).isEqualTo(channel.at("/satisfaction/n").asText());
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertThat(cells.get(3)).isEqualTo(FORMAT.percent(channel.at("/firstContactResolution/rate").doubleValue()));
            assertThat(cells.get(4)).isEqualTo(FORMAT.seconds(channel.at("/timeToResolve/medianSeconds").doubleValue()));
            assertThat(cells.get(8)).isEqualTo(FORMAT.number(channel.at("/satisfaction/mean").doubleValue()));
        }
    }

    private void assertOutcomesAreTheApis(JsonNode outcomes) {
        assertThat(browser.findElement(By.id("bent-cases")).getText()).isEqualTo(outcomes.get("bentCases").asText());
        assertThat(browser.findElement(By.id("comparable-cases")).getText())
                .isEqualTo(outcomes.get("comparableCases").asText());
        List<WebElement> rows = browser.findElements(By.cssSelector("#outcomes tr.outcome"));
        List<JsonNode> measures = List.of(outcomes.get("satisfaction"), outcomes.get("reopenRate"),
                outcomes.get("recontactRate"));
        assertThat(rows).hasSize(measures.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode measure = measures.get(i);
            WebElement row = rows.get(i);
            String estimate = i == 0 ? "mean" : "rate";
            assertThat(row.getAttribute("data-measure")).isEqualTo(measure.get("measure").asText());
            assertSameNumber(row.getAttribute("data-bent"), measure.at("/bent/" + estimate));
            assertSameNumber(row.getAttribute("data-comparable"), measure.at("/comparable/" + estimate));
            for (String end : List.of("", "-lower", "-upper")) {
                String field = end.isEmpty() ? "estimate" : end.substring(1);
                assertSameNumber(row.getAttribute("data-naive" + end), measure.at("/naiveDifference/" + field));
                assertSameNumber(row.getAttribute("data-adjusted" + end), measure.at("/adjustedDifference/" + field));
            }
            assertThat(measure.at("/adjustedDifference/lower").isNumber()).as("an interval to show").isTrue();
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            JsonNode adjusted = measure.get("adjustedDifference");
            assertThat(cells.get(6)).isEqualTo(i == 0
                    ? FORMAT.differenceInterval(adjusted.get("lower").doubleValue(), adjusted.get("upper").doubleValue())
                    : FORMAT.pointsInterval(adjusted.get("lower").doubleValue(), adjusted.get("upper").doubleValue()));
        }
        assertThat(browser.findElement(By.id("outcomes-caveat")).getText()).isEqualTo(outcomes.get("caveat").asText());
    }

    private void assertFairnessIsTheApis(JsonNode bySegment) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#fairness tr.fairness"));
        assertThat(rows).hasSize(bySegment.get("agents").size()).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode agent = bySegment.get("agents").get(i);
            WebElement row = rows.get(i);
            assertThat(row.getAttribute("data-agent")).isEqualTo(agent.get("agent").asText());
            assertSameNumber(row.getAttribute("data-ratio"), agent.get("ratio"));
            assertSameNumber(row.getAttribute("data-ratio-lower"), agent.get("ratioLower"));
            assertSameNumber(row.getAttribute("data-ratio-upper"), agent.get("ratioUpper"));
            assertThat(row.getAttribute("data-flagged")).isEqualTo(agent.get("flagged").asText());
            assertThat(row.getAttribute("class").contains("flagged")).isEqualTo(agent.get("flagged").asBoolean());
            List<WebElement> segments = row.findElements(By.className("segment"));
            assertThat(segments).hasSize(agent.get("groups").size());
            for (int g = 0; g < segments.size(); g++) {
                JsonNode group = agent.get("groups").get(g);
                assertThat(segments.get(g).getAttribute("data-group")).isEqualTo(group.get("group").asText());
                assertThat(segments.get(g).getAttribute("data-cases")).isEqualTo(group.get("cases").asText());
                assertThat(segments.get(g).getAttribute("data-cases-with-bend"))
                        .isEqualTo(group.get("casesWithBend").asText());
                assertThat(segments.get(g).getAttribute("class").contains("ineligible"))
                        .isEqualTo(!group.get("eligible").asBoolean());
            }
        }
    }

    private void assertRuleDebtIsTheApis(JsonNode ruleDebt) {
        List<JsonNode> bent = new ArrayList<>();
        ruleDebt.get("policies").forEach(policy -> {
            if (policy.get("bendsSinceCurrentVersion").asLong() > 0) {
                bent.add(policy);
            }
        });
        List<WebElement> rows = browser.findElements(By.cssSelector("#rule-debt tr.debt"));
        assertThat(rows).hasSize(bent.size()).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode policy = bent.get(i);
            WebElement row = rows.get(i);
            assertThat(row.getAttribute("data-policy")).isEqualTo(policy.get("policyCode").asText());
            assertThat(row.getAttribute("data-bends")).isEqualTo(policy.get("bendsSinceCurrentVersion").asText());
            assertThat(row.getAttribute("data-version")).isEqualTo(policy.get("currentVersion").asText());
            assertThat(row.getAttribute("data-proposals-open")).isEqualTo(policy.get("proposalsOpen").asText());
            assertThat(Instant.parse(row.getAttribute("data-oldest")))
                    .isEqualTo(Instant.parse(policy.get("oldestUnansweredBendAt").asText()));
        }
    }

    /** Guards the check above: an error logged by a page is seen (reading the console is not a no-op). */
    @Test
    void aConsoleErrorOnThePageIsSeenByTheTest() {
        browser.get(url("/dashboard/sign-in"));
        browserErrors();

        browser.executeScript("console.error('probe from the test');");

        assertThat(browserErrors()).singleElement().asString().contains("probe from the test");
    }

    @Test
    void theWhatIfFormPostsWithItsCsrfTokenAndShowsTheApisAnswer() throws Exception {
        signIn(token("ana", "ANALYST", Duration.ofMinutes(10)));
        browser.get(url("/dashboard" + PERIOD));
        browserErrors();

        browser.findElement(By.id("policyCode")).sendKeys("RETURN-WINDOW");
        browser.findElement(By.id("agentLimit")).sendKeys("10");
        browser.findElement(By.id("monthlyBudgetPerAgent")).sendKeys("200");
        submit(By.cssSelector("#what-if-form button"));

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/dashboard/what-if"));
        assertThat(browser.findElement(By.id("period-from")).getAttribute("value")).isEqualTo(FROM.toString());
        JsonNode api = apiPost("/analytics/what-if", """
                {"policyCode":"RETURN-WINDOW","kind":"BENDABLE","ownAuthorityLimits":{"AGENT":10},
                 "monthlyBudgetPerAgent":200,"from":"%s","to":"%s"}""".formatted(midnight(FROM), midnight(TO.plusDays(1))));
        assertThat(api.get("bends").asLong()).as("the test data has bends to replay").isPositive();
        List<String> shown = browser.findElements(By.cssSelector("#what-if-answer td.num")).stream()
                .map(cell -> cell.getText().replaceAll(" .*", "")).toList();
        assertThat(shown).containsExactly(
                api.at("/actual/ownAuthority/bends").asText(), api.at("/proposed/ownAuthority/bends").asText(),
                api.at("/actual/secondPerson/bends").asText(), api.at("/proposed/secondPerson/bends").asText(),
                api.at("/actual/refused/bends").asText(), api.at("/proposed/refused/bends").asText());
        assertThat(browserErrors()).as("console errors on the answer").isEmpty();
    }

    @Test
    void aWhatIfTheApiRefusesShowsItsReasonOnTheForm() {
        signIn(token("ana", "ANALYST", Duration.ofMinutes(10)));
        browser.get(url("/dashboard" + PERIOD));
        // Twice (CI, 2026-12-01, a busy machine) the form was not found at once, though the page's text, read a
        // moment later, had it: the sign-in's navigation was still landing (see signIn). Wait for it, and say
        // which page it was if it never comes.
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("policyCode")));
        } catch (TimeoutException e) {
            throw new AssertionError("the dashboard's what-if form did not appear; the page was "
                    + browser.getTitle() + ": " + browser.findElement(By.tagName("body")).getText(), e);
        }

        browser.findElement(By.id("policyCode")).sendKeys("NO-SUCH-POLICY");
        browser.findElement(By.id("agentLimit")).sendKeys("10");
        browser.findElement(By.id("monthlyBudgetPerAgent")).sendKeys("200");
        submit(By.cssSelector("#what-if-form button"));

        assertThat(browser.findElement(By.id("what-if-refusal")).getText()).contains("No policy NO-SUCH-POLICY");
    }

    @Test
    void aPeriodThatIsNotOneIsExplainedOnAPageNotAnswered() {
        signIn(token("ana", "ANALYST", Duration.ofMinutes(10)));

        for (String period : List.of("?from=2019-03-31&to=2019-03-01", "?from=yesterday", "?from=2010-01-01&to=2019-01-01")) {
            browser.get(url("/dashboard" + period));

            assertThat(browser.findElement(By.id("problem")).getText()).as(period).startsWith("The period is not valid");
        }
    }

    @Test
    void signingOutForgetsTheToken() {
        signIn(token("ana", "ANALYST", Duration.ofMinutes(10)));
        assertThat(browser.manage().getCookieNamed(SignInCookie.NAME)).isNotNull();

        submit(By.cssSelector("form.sign-out button"));

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/dashboard/sign-in?signed-out"));
        assertThat(browser.manage().getCookieNamed(SignInCookie.NAME)).isNull();
        browser.get(url("/dashboard"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/dashboard/sign-in"));
    }

    @Test
    void theSignInCookieIsHttpOnlyStrictScopedToTheDashboardAndLivesAsLongAsTheToken() throws Exception {
        String token = token("ana", "ANALYST", Duration.ofMinutes(10));

        HttpResponse<String> signedIn = postSignIn(token);

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(URI.create(url("/")).resolve(location).toString()).isEqualTo(url("/dashboard")));
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(SignInCookie.NAME + "=")).findFirst().orElseThrow();
        assertThat(cookie).startsWith(SignInCookie.NAME + "=" + token + ";")
                .contains("; Path=/dashboard", "; HttpOnly", "; SameSite=Strict").doesNotContain("Secure");
        Matcher maxAge = Pattern.compile("Max-Age=(\\d+)").matcher(cookie);
        assertThat(maxAge.find()).isTrue();
        assertThat(Long.parseLong(maxAge.group(1))).isBetween(590L, 600L);
    }

    @Test
    void theJsonApiDoesNotAcceptTheDashboardsCookie() throws Exception {
        String analyst = token("ana", "ANALYST", Duration.ofMinutes(10));

        HttpResponse<String> withCookie = http.send(HttpRequest.newBuilder(URI.create(url("/cases")))
                .header("Cookie", SignInCookie.NAME + "=" + analyst).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withCookie.statusCode()).isEqualTo(401);
        assertThat(withCookie.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aFormPostedWithoutTheCsrfTokenIsRefusedEvenWithAValidSignIn() throws Exception {
        String analyst = token("ana", "ANALYST", Duration.ofMinutes(10));

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(url("/dashboard/what-if")))
                .header("Cookie", SignInCookie.NAME + "=" + analyst)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("policyCode=RETURN-WINDOW&kind=BENDABLE&agentLimit=1&monthlyBudgetPerAgent=1"
                        + "&from=" + FROM + "&to=" + TO)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
    }

    @Test
    void dashboardPagesMayLoadNothingButTheServicesOwnFiles() throws Exception {
        for (String path : List.of("/dashboard/sign-in", "/dashboard/webjars/chart.js/dist/chart.umd.js")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(policy -> assertThat(policy).startsWith("default-src 'self';"));
        }
    }

    private void signIn(String token) {
        browser.get(url("/dashboard/sign-in"));
        WebElement field = browser.findElement(By.id("token"));
        // A long token typed key by key is slow; a paste sets the value at once, as this does.
        browser.executeScript("arguments[0].value = arguments[1];", field, token);
        submit(By.cssSelector("#sign-in button"));
        // The sign-in's redirect must have landed before the test navigates on: a navigation still under way
        // could replace the page the test goes to next while it looks at it.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(loaded -> "complete".equals(
                browser.executeScript("return document.readyState")));
    }

    /** Clicks a form's button and waits for the page it leads to: a click does not wait for the navigation. */
    private void submit(By button) {
        WebElement html = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(replaced -> isDetached(html));
    }

    /**
     * Whether {@code element}'s document has been replaced. ChromeDriver says so with a stale-element error, or,
     * when asked while the old document is being torn down, with an inspector error that the node no longer
     * belongs to the document (Selenium's {@code stalenessOf} knows only the first).
     */
    private static boolean isDetached(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException replaced) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Signs in as a browser would: the form's CSRF token and cookie first. */
    private HttpResponse<String> postSignIn(String token) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(url("/dashboard/sign-in"))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();
        String csrfCookie = form.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("leeway_dashboard_csrf=")).findFirst().orElseThrow()
                .split(";", 2)[0];
        return http.send(HttpRequest.newBuilder(URI.create(url("/dashboard/sign-in")))
                .header("Cookie", csrfCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private List<String> chartLabels(String canvas) {
        return (List<String>) browser.executeScript(
                "return Chart.getChart(document.getElementById(arguments[0])).data.labels;", canvas);
    }

    /** The chart's data points as the doubles JavaScript holds ({@code null} for a gap). */
    @SuppressWarnings("unchecked")
    private List<Object> chartValues(String canvas) {
        List<Object> values = (List<Object>) browser.executeScript(
                "return Chart.getChart(document.getElementById(arguments[0])).data.datasets[0].data;", canvas);
        return values.stream().map(value -> value == null ? null : (Object) ((Number) value).doubleValue()).toList();
    }

    /** The chart's data points as decimals without scale: 25.0 and 25 are one value to a chart. */
    private List<Object> chartDecimals(String canvas) {
        return chartValues(canvas).stream()
                .map(value -> (Object) new BigDecimal(value.toString()).stripTrailingZeros()).toList();
    }

    /** A number the page wrote from a double (or left out for null) is the API's, to the last bit. */
    private static void assertSameNumber(String shown, JsonNode api) {
        if (api == null || api.isNull() || api.isMissingNode()) {
            assertThat(shown).isNull();
        } else {
            assertThat(shown).isNotNull();
            assertThat(Double.parseDouble(shown)).isEqualTo(api.doubleValue());
        }
    }

    /** GET from the analytics API as an analyst, with a bearer token as any API client sends it. */
    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token("ana", "ANALYST", Duration.ofMinutes(5)))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** POST to the analytics API as an analyst, with a bearer token. */
    private JsonNode apiPost(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token("ana", "ANALYST", Duration.ofMinutes(5)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static <T> T last(List<T> items) {
        return items.get(items.size() - 1);
    }

    private static JsonNode last(JsonNode items) {
        return items.get(items.size() - 1);
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Pixels of the canvas that are not transparent: zero for a chart that drew nothing. */
    private long paintedPixels(String canvas) {
        return (Long) browser.executeScript("""
                const canvas = document.getElementById(arguments[0]);
                if (canvas.width === 0 || canvas.height === 0) { return 0; }
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; } }
                return painted;""", canvas);
    }

    /** Console messages at SEVERE since the last call (reading them empties the browser's buffer). */
    private List<String> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    /** The whole page, for the README; the window grows to the page's height first. */
    private void screenshot() throws Exception {
        Number height = (Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight;");
        browser.manage().window().setSize(new Dimension(1360, height.intValue() + 16));
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
    }

    private static String token(String user, String role, Duration lifetime) {
        return LocalInfrastructure.shared().tokens().mint(user, List.of(role), lifetime);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
