package dev.leeway.query.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.sql.Connection;
import java.util.stream.Collectors;

/**
 * Records every audit read (who, roles, what, when) in event_store.audit_access_log, which is append-only like
 * the event store. The one write query-service makes: its role may insert there and nowhere else, so the pool's
 * read-only flag is lifted for this statement only.
 */
@Component
class AuditAccessLog implements HandlerInterceptor {

    private static final int MAX_RESOURCE = 2000;

    private final JdbcTemplate jdbc;

    AuditAccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication reader = SecurityContextHolder.getContext().getAuthentication();
        String roles = reader.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(role -> role.replaceFirst("^ROLE_", "")).sorted().collect(Collectors.joining(","));
        String resource = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String bounded = resource.length() > MAX_RESOURCE ? resource.substring(0, MAX_RESOURCE) : resource;
        jdbc.execute((Connection connection) -> {
            connection.setReadOnly(false);
            try (var insert = connection.prepareStatement(
                    "INSERT INTO event_store.audit_access_log (actor_id, actor_roles, resource) VALUES (?, ?, ?)")) {
                insert.setString(1, reader.getName());
                insert.setString(2, roles);
                insert.setString(3, bounded);
                return insert.executeUpdate();
            } finally {
                connection.setReadOnly(true);
            }
        });
        return true;
    }
}
