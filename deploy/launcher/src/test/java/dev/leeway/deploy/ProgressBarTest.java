package dev.leeway.deploy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void theBarFillsWithTheShareOfEventsDone() {
        assertThat(ProgressBar.bar(0, 1_000)).isEqualTo("[" + ".".repeat(30) + "]   0%");
        assertThat(ProgressBar.bar(450, 1_000)).isEqualTo("[" + "#".repeat(13) + ".".repeat(17) + "]  45%");
        assertThat(ProgressBar.bar(1_000, 1_000)).isEqualTo("[" + "#".repeat(30) + "] 100%");
    }

    @Test
    void anUnknownTotalShowsAnEmptyBarAndMoreThanTheTotalAFullOne() {
        assertThat(ProgressBar.bar(500, 0)).isEqualTo("[" + ".".repeat(30) + "]   0%");
        assertThat(ProgressBar.bar(1_200, 1_000)).isEqualTo("[" + "#".repeat(30) + "] 100%");
    }

    @Test
    void etaIsMinutesAndSecondsThenHours() {
        assertThat(ProgressBar.eta(null)).isEqualTo("--:--");
        assertThat(ProgressBar.eta(0L)).isEqualTo("0:00");
        assertThat(ProgressBar.eta(9L)).isEqualTo("0:09");
        assertThat(ProgressBar.eta(754L)).isEqualTo("12:34");
        assertThat(ProgressBar.eta(3_600L)).isEqualTo("1:00:00");
        assertThat(ProgressBar.eta(37_230L)).isEqualTo("10:20:30");
        assertThat(ProgressBar.eta(-5L)).isEqualTo("0:00");
    }

    @Test
    void theLineShowsStateCountsRateAndEta() {
        RebuildStatus running = RebuildStatusFixtures.running("case_summary", 123_456, 1_000_000, 45_678.9, 19L);

        assertThat(ProgressBar.render(running)).isEqualTo("case_summary   REPLAYING   ["
                + "#".repeat(3) + ".".repeat(27) + "]  12% 123,456 / 1,000,000 events  45,679 ev/s  ETA 0:19");
    }

    @Test
    void redrawingInPlaceBlanksWhatALongerLineLeftAndEndsWithANewLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        RebuildStatus first = RebuildStatusFixtures.running("policies", 10, 100, 1_000_000, 3_700L);
        RebuildStatus second = RebuildStatusFixtures.running("policies", 20, 100, 5, 3L);

        bar.draw(first);
        bar.draw(first); // unchanged: not drawn again
        bar.draw(second);
        bar.finish();

        String firstLine = ProgressBar.render(first);
        String secondLine = ProgressBar.render(second);
        assertThat(firstLine.length()).isGreaterThan(secondLine.length());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\r" + firstLine + "\r" + secondLine
                + " ".repeat(firstLine.length() - secondLine.length()) + System.lineSeparator());
    }
}
