package dev.leeway.query.dashboard;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The analyst's bearer token, kept by the browser for the dashboard's pages only: a browser cannot send an
 * {@code Authorization} header on a page load, so the token the analyst signed in with travels as this cookie.
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure over https, scoped to
 * {@code /dashboard} and living no longer than the token. The JSON API never reads it.
 */
final class SignInCookie implements BearerTokenResolver {

    static final String NAME = "leeway_dashboard_token";
    static final String PATH = "/dashboard";

    /** Requests that need no sign-in: a stale cookie there must not stand in the way of signing in afresh. */
    private final RequestMatcher ignored;

    SignInCookie(RequestMatcher ignored) {
        this.ignored = ignored;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        return ignored.matches(request) ? null : read(request).orElse(null);
    }

    static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty() : Arrays.stream(cookies)
                .filter(cookie -> NAME.equals(cookie.getName()) && !cookie.getValue().isBlank())
                .map(Cookie::getValue)
                .findFirst();
    }

    /** Stores {@code token} until {@code expiresAt}; without an expiry, until the browser closes. */
    static void write(HttpServletRequest request, HttpServletResponse response, String token, Instant expiresAt,
                      Instant now) {
        ResponseCookie.ResponseCookieBuilder cookie = base(request, token);
        if (expiresAt != null) {
            cookie.maxAge(Duration.between(now, expiresAt).toSeconds());
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
    }

    static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, base(request, "").maxAge(0).build().toString());
    }

    private static ResponseCookie.ResponseCookieBuilder base(HttpServletRequest request, String value) {
        return ResponseCookie.from(NAME, value)
                .path(request.getContextPath() + PATH)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Strict");
    }
}
