package dev.leeway.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.problems.Problem;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error page, as problem+json instead of HTML. It answers every error that no Spring handler wrote a
 * body for: requests Tomcat refuses before they reach the application (a malformed request line, {@code []} in
 * a query, an encoded slash, headers or a path too long), and every {@code sendError}, e.g. from Spring
 * Security's firewall. (Spring Boot's own /error page is switched off, so these all end here.)
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        Problem problem = Problem.forStatus(response.getStatus());
        try {
            response.setStatus(problem.status());
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written: nothing more to tell anyone.
        }
    }
}
