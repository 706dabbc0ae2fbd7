package dev.leeway.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A history with known effects, for checking that analytics tell the truth. Each case is a script of commands
 * one front-line agent sends through the command API; every random choice comes from one seeded {@link Random}.
 * <p>
 * Planted:
 * <ul>
 *     <li><b>Confounding by severity.</b> Harder cases are bent more often (15%, 35%, 60% for MINOR, MAJOR,
 *     CRITICAL) and are less satisfied to begin with (a base score of 3-4, 2-3, 1-2).</li>
 *     <li><b>A satisfaction lift.</b> A case with a granted {@link #LIFTED_POLICY} bend scores exactly one point
 *     more than it would have. So the naive difference against unbent cases is biased downwards (bent cases are
 *     harder) while the difference within strata of channel x severity x segment is exactly +1.</li>
 *     <li><b>An unfair agent.</b> {@link #UNFAIR_AGENT} bends for NEW customers at a third of the rate they bend
 *     for others.</li>
 * </ul>
 * Around those: interactions, bends above the agent's limit that a supervisor approves or declines, re-contacts
 * after resolution, reopenings, and surveys typed in by someone else than the resolver.
 */
final class PlantedHistory {

    static final String LIFTED_POLICY = "RETURN-WINDOW";
    static final String OTHER_POLICY = "FREE-REPAIR";
    static final String UNFAIR_AGENT = "agent-3";
    static final List<String> AGENTS = List.of("agent-1", "agent-2", "agent-3", "agent-4", "agent-5", "agent-6");
    static final List<String> CHANNELS = List.of("PHONE", "EMAIL", "CHAT");
    static final List<String> SEVERITIES = List.of("MINOR", "MAJOR", "CRITICAL");
    static final List<String> SEGMENTS = List.of("NEW", "REGULAR", "LOYAL");
    static final String SURVEY_DESK = "survey-desk";

    /** One command: who sends it, with which roles, where, and what. {@code body} may name {@code {bend}}. */
    record Step(String actor, String role, String path, String body) {
    }

    /**
     * A case's commands in order; the first opens it and answers its id, a bend step answers the bend's id. A
     * survey's score is {@code baseScore}, plus one if by then a {@link #LIFTED_POLICY} bend was granted (which
     * the runner learns from the answers: a budget may send a bend within the limit to a supervisor).
     */
    record Script(int number, String agent, String channel, String severity, String segment, Integer baseScore,
                  List<Step> steps) {
    }

    static final String SCORE = "%SCORE%";

    private PlantedHistory() {
    }

    static List<Script> generate(long seed, int cases) {
        Random random = new Random(seed);
        List<Script> scripts = new ArrayList<>();
        for (int number = 0; number < cases; number++) {
            scripts.add(script(random, number));
        }
        return scripts;
    }

    private static Script script(Random random, int number) {
        String agent = AGENTS.get(random.nextInt(AGENTS.size()));
        String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        int severity = random.nextInt(SEVERITIES.size());
        String segment = SEGMENTS.get(random.nextInt(SEGMENTS.size()));
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(agent, "AGENT", "/cases", """
                {"customerId":"CUST-%d","channel":"%s","subject":"Case %d","segment":"%s",
                 "failure":{"severity":"%s","cause":"COMPANY"}}"""
                .formatted(number % 97, channel, number, segment, SEVERITIES.get(severity))));
        if (random.nextDouble() < 0.5) {
            steps.add(interaction(agent, channel));
        }
        double bendChance = new double[]{0.15, 0.35, 0.60}[severity];
        if (agent.equals(UNFAIR_AGENT) && segment.equals("NEW")) {
            bendChance /= 3;
        }
        if (random.nextDouble() < bendChance) {
            boolean lifted = random.nextDouble() < 0.7;
            String policy = lifted ? LIFTED_POLICY : OTHER_POLICY;
            boolean aboveOwnLimit = random.nextDouble() < 0.2;
            int value = aboveOwnLimit ? 60 + random.nextInt(240) : 5 + random.nextInt(40);
            steps.add(new Step(agent, "AGENT", "/cases/{case}/exceptions", """
                    {"policyCode":"%s","deviation":%d,"valueGiven":{"amount":%d,"currency":"EUR"},
                     "reasonCode":"GOODWILL","justification":"Planted bend"}"""
                    .formatted(policy, 1 + random.nextInt(30), value)));
            boolean approve = random.nextDouble() < 0.8;
            String supervisor = random.nextBoolean() ? "supervisor-1" : "supervisor-2";
            // Within the agent's limit it may still wait, when their monthly budget is spent: decide it then too.
            steps.add(new Step(supervisor, "SUPERVISOR", "/cases/{case}/exceptions/{bend}/decision?ifPending",
                    """
                            {"decision":"%s","note":"Planted decision"}""".formatted(approve ? "APPROVE" : "DECLINE")));
        }
        steps.add(new Step(agent, "AGENT", "/cases/{case}/resolution", """
                {"outcome":"SOLVED","summary":"Planted resolution"}"""));
        Integer baseScore = null;
        if (random.nextDouble() < 0.8) {
            baseScore = 3 - severity + random.nextInt(2);
            steps.add(new Step(SURVEY_DESK, "AGENT", "/cases/{case}/satisfaction", """
                    {"score":%SCORE%,"comment":"Planted survey"}"""));
        }
        if (random.nextDouble() < 0.15) {
            steps.add(interaction(agent, channel));
        }
        if (random.nextDouble() < 0.1) {
            steps.add(new Step(agent, "AGENT", "/cases/{case}/reopening", """
                    {"reason":"Planted reopening"}"""));
            steps.add(new Step(agent, "AGENT", "/cases/{case}/resolution", """
                    {"outcome":"PARTIALLY_SOLVED","summary":"Planted second resolution"}"""));
        }
        return new Script(number, agent, channel, SEVERITIES.get(severity), segment, baseScore, steps);
    }

    private static Step interaction(String agent, String channel) {
        return new Step(agent, "AGENT", "/cases/{case}/interactions", """
                {"channel":"%s","direction":"IN","summary":"Planted interaction"}""".formatted(channel));
    }
}
