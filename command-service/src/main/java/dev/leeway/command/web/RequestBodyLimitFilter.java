package dev.leeway.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.problems.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import java.io.IOException;

/**
 * Refuses request bodies over {@code leeway.http.max-body-bytes}: at once when the declared length is too large,
 * and while reading when a body without a declared length (chunked) grows past the limit. The history import
 * ({@value #IMPORT_PATH}) carries a whole file of cases and has its own, larger limit,
 * {@code leeway.imports.max-body-bytes}; it is named here so that every body limit lives in one place.
 */
@Component
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    public static final String IMPORT_PATH = "/imports/cases";

    private final long maxBodyBytes;
    private final long maxImportBodyBytes;
    private final ObjectMapper objectMapper;
    private final UrlPathHelper paths = new UrlPathHelper();

    RequestBodyLimitFilter(@Value("${leeway.http.max-body-bytes:65536}") long maxBodyBytes,
                           @Value("${leeway.imports.max-body-bytes:67108864}") long maxImportBodyBytes,
                           ObjectMapper objectMapper) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxImportBodyBytes = maxImportBodyBytes;
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = IMPORT_PATH.equals(paths.getPathWithinApplication(request)) ? maxImportBodyBytes : maxBodyBytes;
        if (request.getContentLengthLong() > limit) {
            Problem problem = Problem.of(ErrorCode.BODY_TOO_LARGE, tooLarge(limit));
            response.setStatus(problem.status());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            objectMapper.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, limit, tooLarge(limit)), response);
    }

    private static String tooLarge(long limit) {
        return "The request body is larger than " + limit + " bytes.";
    }

    /** Thrown while reading a body past the limit; surfaces as the cause of Spring's unreadable-message error. */
    static class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }

    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {
        private final long limit;
        private final String message;
        private ServletInputStream stream;

        LimitedBodyRequest(HttpServletRequest request, long limit, String message) {
            super(request);
            this.limit = limit;
            this.message = message;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit, message);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private final String message;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long limit, String message) {
            this.delegate = delegate;
            this.limit = limit;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(message);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
