package dev.leeway.command.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The import's body, copied to a temporary file (readable by the service's user only, deleted when the import ends)
 * before any line is imported. Reading the whole body first means an oversized body or too many lines is refused
 * as a whole, with a problem, before anything is stored; and the report can stream back without a client having to
 * read and write at the same time (many cannot, and would hang with a large file).
 */
final class SpooledBody implements AutoCloseable {

    private final Path file;
    private final long lines;

    private SpooledBody(Path file, long lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Copies {@code body} to a temporary file, counting its lines (a last line without a newline counts). */
    static SpooledBody of(InputStream body) throws IOException {
        Path file = Files.createTempFile("leeway-import-", ".ndjson");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long lines = 0;
            int last = '\n';
            for (int n; (n = body.read(buffer)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                if (n > 0) {
                    last = buffer[n - 1];
                    out.write(buffer, 0, n);
                }
            }
            return new SpooledBody(file, last == '\n' ? lines : lines + 1);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    long lines() {
        return lines;
    }

    BoundedLines open(int maxLineBytes) throws IOException {
        return new BoundedLines(new BufferedInputStream(Files.newInputStream(file), 64 * 1024), maxLineBytes);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the import's temporary file " + file, e);
        }
    }
}
