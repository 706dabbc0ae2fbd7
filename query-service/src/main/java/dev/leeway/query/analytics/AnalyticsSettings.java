package dev.leeway.query.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds analysts' figures are flagged against ({@code leeway.analytics.*}).
 *
 * @param overrideFlagRate     a group whose bend rate is above this is flagged: 0.10 is where bank examiners start
 *                             asking about credit-policy overrides
 * @param fairnessMinimumCases a group needs this many cases before its rate takes part in a fairness ratio; below
 *                             it, one bend more or less swings the ratio
 * @param fourFifths           an impact ratio below this is flagged (the four-fifths rule, 29 CFR 1607.4(D))
 */
@ConfigurationProperties("leeway.analytics")
public record AnalyticsSettings(@DefaultValue("0.10") double overrideFlagRate,
                                @DefaultValue("30") int fairnessMinimumCases,
                                @DefaultValue("0.8") double fourFifths) {

    public static final AnalyticsSettings DEFAULTS = new AnalyticsSettings(0.10, 30, 0.8);
}
