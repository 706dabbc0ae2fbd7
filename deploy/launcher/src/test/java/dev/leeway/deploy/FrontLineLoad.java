package dev.leeway.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A front-line app's load on the platform: {@code rate} commands per second as front-line cases, each opened,
 * given a bend on the agent's own authority (under {@link #POLICY}), resolved and rated, one command after the
 * other. Every command is retried with its own Idempotency-Key until it is answered (2xx or 4xx) or
 * {@link #RETRY_FOR} has passed; connection errors and 5xx are retried. A case whose command is refused goes no
 * further. What was answered is kept for {@link Deliveries} to check against the stores.
 */
final class FrontLineLoad {

    /** The load's bends are on this rule, within the agent's own authority and a budget no load exhausts. */
    static final String POLICY = "FAULT-GOODWILL";
    static final Duration RETRY_FOR = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern EXCEPTION_ID = Pattern.compile("\"exceptionId\"\\s*:\\s*\"([^\"]+)\"");

    private final String commandUrl;
    private final String token;
    private final int rate;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(64);
    private final Map<String, Set<Step>> accepted = new ConcurrentHashMap<>();
    private final Map<String, Set<Step>> refused = new ConcurrentHashMap<>();
    private final Map<String, String> bends = new ConcurrentHashMap<>();
    private final List<String> otherAnswers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger acceptedCommands = new AtomicInteger();

    /** Sends to {@code commandUrl} as the holder of {@code token} (an AGENT). */
    FrontLineLoad(String commandUrl, String token, int rate) {
        this.commandUrl = commandUrl;
        this.token = token;
        this.rate = rate;
    }

    /** Defines {@link #POLICY} on the platform, as the holder of {@code policyOwnerToken}. */
    static void definePolicy(String commandUrl, String policyOwnerToken) throws Exception {
        HttpResponse<String> defined = HTTP.send(HttpRequest.newBuilder(URI.create(commandUrl + "/policies/" + POLICY))
                .header("Authorization", "Bearer " + policyOwnerToken)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"title":"Goodwill","purpose":"The load's bends","kind":"BENDABLE","unit":"DAYS",
                         "currency":"EUR","ownAuthorityLimits":{"AGENT":10},"monthlyBudgetPerAgent":1000000000}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (defined.statusCode() != 200) {
            throw new IllegalStateException("the load's policy was not defined: " + defined.body());
        }
    }

    void start() {
        long period = 1_000_000_000L * Step.SENT.size() / rate;
        clock.scheduleAtFixedRate(() -> workers.submit(this::oneCase), 0, period, TimeUnit.NANOSECONDS);
    }

    void stop() throws InterruptedException {
        clock.shutdown();
        clock.awaitTermination(5, TimeUnit.SECONDS);
        workers.shutdown();
        if (!workers.awaitTermination(Step.SENT.size() * RETRY_FOR.toMinutes() + 1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("requests still unanswered after retrying for " + RETRY_FOR);
        }
    }

    private void oneCase() {
        String caseId = UUID.randomUUID().toString();
        for (Step step : Step.SENT) {
            if (!send(caseId, step)) {
                return;
            }
        }
    }

    /** The case id if it was opened: the recovery's probe. */
    String openOneCase() {
        String caseId = UUID.randomUUID().toString();
        return send(caseId, Step.OPEN) ? caseId : null;
    }

    /** Whether the command was accepted. */
    private boolean send(String caseId, Step step) {
        String[] pathAndBody = switch (step) {
            case OPEN -> new String[] {"/cases", """
                    {"caseId":"%s","customerId":"CUST-FAULT","channel":"PHONE","subject":"Under fire"}"""
                    .formatted(caseId)};
            case BEND -> new String[] {"/cases/" + caseId + "/exceptions", """
                    {"policyCode":"%s","deviation":1,"valueGiven":{"amount":1,"currency":"EUR"},
                     "reasonCode":"GOODWILL","justification":"Late twice"}""".formatted(POLICY)};
            case RESOLVE -> new String[] {"/cases/" + caseId + "/resolution",
                    "{\"outcome\":\"SOLVED\",\"summary\":\"Refunded the shipping\"}"};
            case RATE -> new String[] {"/cases/" + caseId + "/satisfaction", "{\"score\":5}"};
            case OTHER -> throw new IllegalArgumentException("the load sends no " + step);
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + pathAndBody[0]))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", step.name().toLowerCase() + "-" + caseId)
                .POST(HttpRequest.BodyPublishers.ofString(pathAndBody[1])).build();
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            if (attempt > 0) {
                retried.incrementAndGet();
                sleep(250);
            }
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException unreachable) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            int status = response.statusCode();
            if (status >= 500) {
                continue;
            }
            if (status >= 300) {
                refused.computeIfAbsent(caseId, id -> ConcurrentHashMap.newKeySet()).add(step);
                return false;
            }
            accepted.computeIfAbsent(caseId, id -> ConcurrentHashMap.newKeySet()).add(step);
            acceptedCommands.incrementAndGet();
            if (step == Step.OPEN && !response.body().contains(caseId)) {
                otherAnswers.add(caseId + ": " + response.body());
            }
            if (step == Step.BEND) {
                Matcher bend = EXCEPTION_ID.matcher(response.body());
                if (bend.find()) {
                    bends.put(caseId, bend.group(1));
                } else {
                    otherAnswers.add(caseId + " " + step + ": " + response.body());
                }
            }
            return true;
        }
        return false;
    }

    Map<String, Set<Step>> accepted() {
        return accepted;
    }

    Map<String, Set<Step>> refused() {
        return refused;
    }

    Map<String, String> bends() {
        return bends;
    }

    List<String> otherAnswers() {
        return List.copyOf(otherAnswers);
    }

    int acceptedCommands() {
        return acceptedCommands.get();
    }

    int retried() {
        return retried.get();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A front-line case's commands, in the order the load sends them, and the event each stores. */
    enum Step {
        OPEN("CaseOpened"), BEND("ExceptionGranted"), RESOLVE("CaseResolved"), RATE("SatisfactionRecorded"),
        /** Any other event of the case: the load sends nothing that stores one. */
        OTHER("");

        static final List<Step> SENT = List.of(OPEN, BEND, RESOLVE, RATE);

        final String event;

        Step(String event) {
            this.event = "dev.leeway.kernel.cases." + event;
        }
    }
}
