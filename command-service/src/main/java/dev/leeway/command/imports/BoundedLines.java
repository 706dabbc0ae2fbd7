package dev.leeway.command.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of an NDJSON body as bytes, none held longer than a limit: a longer line is read past and reported as
 * too long, so that one oversized line costs no more memory than a good one and the lines after it still import.
 * Lines end with LF (a CR before it is dropped); UTF-8 never has the byte 0x0A inside a character, so splitting
 * bytes is safe, and the JSON parser checks the encoding of each line.
 */
final class BoundedLines implements AutoCloseable {

    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private int number;

    BoundedLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** One line: its number from 1, and its bytes unless it was longer than the limit. */
    record Line(int number, byte[] bytes, boolean tooLong) {

        boolean blank() {
            if (tooLong) {
                return false;
            }
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    /** The next line, or null at the end of the body. */
    Line next() throws IOException {
        current.reset();
        boolean tooLong = false;
        boolean any = false;
        for (int b; (b = in.read()) >= 0; ) {
            any = true;
            if (b == '\n') {
                return line(tooLong);
            }
            if (current.size() < maxLineBytes) {
                current.write(b);
            } else {
                tooLong = true;
            }
        }
        return any ? line(tooLong) : null;
    }

    private Line line(boolean tooLong) {
        number++;
        byte[] bytes = current.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new Line(number, tooLong ? new byte[0] : Arrays.copyOf(bytes, length), tooLong);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
