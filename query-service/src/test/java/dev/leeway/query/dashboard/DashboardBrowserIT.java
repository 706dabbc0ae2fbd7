package dev.leeway.query.dashboard;

import dev.leeway.infra.LocalInfrastructure;
import dev.leeway.query.dashboard.CaseFacts.Cost;
import dev.leeway.query.dashboard.CaseFacts.OpenedCase;
import dev.leeway.query.dashboard.CaseFacts.Week;
import dev.leeway.query.support.EventStoreFixture;
import dev.leeway.query.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analysts' dashboard in a real browser (headless Chromium): who gets in, that the page loads without a
 * console error, that its charts draw, and that the figures it shows are those of the fact tables' rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class DashboardBrowserIT {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final String RETURNS = "RETURNS-" + SUFFIX;
    private static final String REBATE = "REBATE-" + SUFFIX;
    /** Not a valid policy code, and markup besides: it must reach the page and the chart as text, unharmed. */
    private static final String MARKUP = "X-" + SUFFIX + "</script><b>&\"'";
    /** Four Monday-to-Sunday weeks in a year no other test writes facts for; the third one without cases. */
    private static final LocalDate FROM = LocalDate.parse("2019-03-04");
    private static final LocalDate TO = LocalDate.parse("2019-03-31");
    private static final List<OpenedCase> CASES = List.of(
            CaseFacts.openedAt("2019-03-04T08:00:00Z").granted(RETURNS, "20.00", "EUR"),
            CaseFacts.openedAt("2019-03-05T09:30:00Z").declined(REBATE, "500.00", "EUR"),
            CaseFacts.openedAt("2019-03-06T10:00:00Z"),
            CaseFacts.openedAt("2019-03-10T23:30:00Z"),
            CaseFacts.openedAt("2019-03-11T08:00:00Z").granted(RETURNS, "15.50", "EUR").granted(REBATE, "120.00", "EUR"),
            CaseFacts.openedAt("2019-03-12T08:00:00Z").granted(MARKUP, "9.99", "EUR"),
            CaseFacts.openedAt("2019-03-25T08:00:00Z"),
            CaseFacts.openedAt("2019-03-27T08:00:00Z"),
            CaseFacts.openedAt("2019-03-31T12:00:00Z"),
            // Outside the period on either side.
            CaseFacts.openedAt("2019-03-03T12:00:00Z").granted(REBATE, "70.00", "EUR"),
            CaseFacts.openedAt("2019-04-01T00:00:00Z").granted(RETURNS, "40.00", "EUR"));
    private static final String PERIOD = "?from=" + FROM + "&to=" + TO;
    private static final Path SCREENSHOT = Path.of("target/dashboard.png");

    private static ChromeDriver browser;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.shared().environment().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void factsAndBrowser() throws Exception {
        EventStoreFixture.migrate();
        try (Connection connection = LocalInfrastructure.shared().adminConnection()) {
            CaseFacts.insert(connection, CASES);
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
    void anAnalystSeesTheFactTablesFiguresDrawnWithoutAConsoleError() throws Exception {
        signIn(token("ana", "ANALYST", Duration.ofMinutes(10)));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/dashboard"));
        browserErrors();

        browser.get(url("/dashboard" + PERIOD));

        assertThat(browser.findElement(By.id("analyst")).getText()).isEqualTo("ana");
        List<Week> weeks = CaseFacts.weeks(CASES, FROM, TO);
        assertThat(weeks).extracting(Week::opened).containsExactly(4L, 2L, 0L, 3L);
        List<WebElement> weekRows = browser.findElements(By.cssSelector("#override-rate tr.week"));
        assertThat(weekRows).hasSize(weeks.size());
        for (int i = 0; i < weeks.size(); i++) {
            Week week = weeks.get(i);
            WebElement row = weekRows.get(i);
            assertThat(row.getAttribute("data-week")).isEqualTo(week.weekStarting().toString());
            assertThat(row.getAttribute("data-cases-opened")).isEqualTo(String.valueOf(week.opened()));
            assertThat(row.getAttribute("data-cases-bent")).isEqualTo(String.valueOf(week.bent()));
            assertThat(row.getAttribute("data-rate")).isEqualTo(week.rate() == null ? null : week.rate().toPlainString());
            assertThat(row.findElement(By.className("rate")).getText())
                    .isEqualTo(week.percent() == null ? "–" : week.percent().toPlainString() + "%");
        }
        assertThat(chartLabels("override-rate-chart"))
                .containsExactlyElementsOf(weeks.stream().map(week -> week.weekStarting().toString()).toList());
        assertThat(chartValues("override-rate-chart"))
                .containsExactlyElementsOf(weeks.stream().map(week -> stripped(week.percent())).toList());

        List<Cost> costs = CaseFacts.costs(CASES, FROM, TO);
        assertThat(costs).extracting(Cost::policyCode).containsExactly(REBATE, RETURNS, MARKUP);
        List<WebElement> costRows = browser.findElements(By.cssSelector("#cost-per-policy tr.cost"));
        assertThat(costRows).hasSize(costs.size());
        for (int i = 0; i < costs.size(); i++) {
            Cost cost = costs.get(i);
            List<WebElement> cells = costRows.get(i).findElements(By.tagName("td"));
            assertThat(costRows.get(i).getAttribute("data-policy")).isEqualTo(cost.policyCode());
            assertThat(cells.get(0).getText()).isEqualTo(cost.policyCode());
            assertThat(cells.get(1).getText()).isEqualTo(String.valueOf(cost.bends()));
            assertThat(cells.get(2).getText()).isEqualTo(cost.value().toPlainString() + " " + cost.currency());
        }
        assertThat(chartLabels("cost-chart"))
                .containsExactlyElementsOf(costs.stream().map(cost -> cost.policyCode() + " (EUR)").toList());
        assertThat(chartValues("cost-chart"))
                .containsExactlyElementsOf(costs.stream().map(cost -> stripped(cost.value())).toList());

        assertThat(paintedPixels("override-rate-chart")).as("pixels painted by the override-rate chart").isPositive();
        assertThat(paintedPixels("cost-chart")).as("pixels painted by the cost chart").isPositive();
        for (String section : List.of("resolution", "outcomes", "fairness", "rule-debt", "what-if")) {
            assertThat(browser.findElement(By.id(section)).isDisplayed()).as(section).isTrue();
        }
        screenshot();
        assertThat(browserErrors()).as("console errors on the dashboard").isEmpty();
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
    void theWhatIfFormPostsWithItsCsrfTokenAndTheAnswerIsShown() {
        signIn(token("ana", "ANALYST", Duration.ofMinutes(10)));
        browser.get(url("/dashboard" + PERIOD));

        browser.findElement(By.id("policyCode")).sendKeys(RETURNS);
        browser.findElement(By.id("ownAuthorityLimit")).sendKeys("10");
        browser.findElement(By.cssSelector("#what-if-form button")).click();

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/dashboard/what-if"));
        assertThat(browser.findElement(By.id("what-if-answer")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("period-from")).getAttribute("value")).isEqualTo(FROM.toString());
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

        browser.findElement(By.cssSelector("form.sign-out button")).click();

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
                .POST(HttpRequest.BodyPublishers.ofString("policyCode=" + RETURNS + "&role=AGENT&ownAuthorityLimit=1"
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
        browser.findElement(By.cssSelector("#sign-in button")).click();
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

    /** The chart's data points, as decimals ({@code null} for a gap). */
    @SuppressWarnings("unchecked")
    private List<BigDecimal> chartValues(String canvas) {
        List<Object> values = (List<Object>) browser.executeScript(
                "return Chart.getChart(document.getElementById(arguments[0])).data.datasets[0].data;", canvas);
        return values.stream().map(value -> value == null ? null : stripped(new BigDecimal(value.toString()))).toList();
    }

    /** 25.0 and 25 as one value: a chart's numbers carry no scale. */
    private static BigDecimal stripped(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
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
