package dev.leeway.command.imports;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedLinesTest {

    @Test
    void linesAreNumberedFromOneAndLoseTheirCrAndALastLineWithoutNewlineCounts() throws IOException {
        List<BoundedLines.Line> lines = read("{\"a\":1}\r\n\n{\"b\":2}", 100);

        assertThat(lines).extracting(BoundedLines.Line::number).containsExactly(1, 2, 3);
        assertThat(text(lines.get(0))).isEqualTo("{\"a\":1}");
        assertThat(lines.get(1).blank()).isTrue();
        assertThat(text(lines.get(2))).isEqualTo("{\"b\":2}");
    }

    @Test
    void aLineLongerThanTheLimitIsReportedWithoutItsBytesAndTheNextLineIsRead() throws IOException {
        List<BoundedLines.Line> lines = read("x".repeat(50) + "\n{}\n", 10);

        assertThat(lines.get(0).tooLong()).isTrue();
        assertThat(lines.get(0).bytes()).isEmpty();
        assertThat(lines.get(1).tooLong()).isFalse();
        assertThat(text(lines.get(1))).isEqualTo("{}");
    }

    @Test
    void aSpooledBodyCountsItsLinesWithOrWithoutAFinalNewline() throws IOException {
        try (SpooledBody withNewline = SpooledBody.of(stream("a\nb\n"));
             SpooledBody without = SpooledBody.of(stream("a\nb"));
             SpooledBody empty = SpooledBody.of(stream(""))) {
            assertThat(withNewline.lines()).isEqualTo(2);
            assertThat(without.lines()).isEqualTo(2);
            assertThat(empty.lines()).isZero();
        }
    }

    private static List<BoundedLines.Line> read(String body, int maxLineBytes) throws IOException {
        List<BoundedLines.Line> lines = new ArrayList<>();
        try (BoundedLines reader = new BoundedLines(stream(body), maxLineBytes)) {
            for (BoundedLines.Line line; (line = reader.next()) != null; ) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static ByteArrayInputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(BoundedLines.Line line) {
        return new String(line.bytes(), StandardCharsets.UTF_8);
    }
}
