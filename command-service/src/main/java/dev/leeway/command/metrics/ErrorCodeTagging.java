package dev.leeway.command.metrics;

import dev.leeway.kernel.problems.Problem;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every answered request's problem code as the {@code code} tag of Spring's {@code http.server.requests} metric
 * ({@code none} when it succeeded): one metric gives the commands' rate, latency and rejections by code, e.g.
 * {@code sum by (code) (rate(http_server_requests_seconds_count{code!="none"}[5m]))}. The code is taken from the
 * problem body as it is written, so every refusal the API answers with problem+json is counted under its own code.
 */
@Component
public class ErrorCodeTagging extends DefaultServerRequestObservationConvention {

    static final String CODE = ErrorCodeTagging.class.getName() + ".code";
    private static final String NONE = "none";

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        Object code = context.getCarrier().getAttribute(CODE);
        return super.getLowCardinalityKeyValues(context)
                .and(KeyValue.of("code", code == null ? NONE : code.toString()));
    }

    /** Notes the code of every problem body on its request, for the tag above. */
    @ControllerAdvice
    static class ProblemCodes implements ResponseBodyAdvice<Object> {

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                      Class<? extends HttpMessageConverter<?>> converterType,
                                      ServerHttpRequest request, ServerHttpResponse response) {
            if (body instanceof Problem problem && problem.code() != null
                    && request instanceof ServletServerHttpRequest servlet) {
                HttpServletRequest servletRequest = servlet.getServletRequest();
                servletRequest.setAttribute(CODE, problem.code());
            }
            return body;
        }
    }
}
