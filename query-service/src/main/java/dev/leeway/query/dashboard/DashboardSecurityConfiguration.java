package dev.leeway.query.dashboard;

import dev.leeway.kernel.identity.Role;
import dev.leeway.query.security.SecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.io.IOException;

/**
 * The analysts' dashboard ({@code /dashboard/**}) has a filter chain of its own, ahead of the JSON API's: the
 * signed-in analyst's token comes from {@link SignInCookie} (the API's chain reads the Authorization header only,
 * never this cookie), it is checked by the same {@link JwtDecoder} and mapped to roles the same way, and only
 * ANALYST may see the figures. Because a cookie authenticates, every form carries a CSRF token. Refusals are
 * pages: no sign-in redirects to the sign-in page, a wrong role gets a 403 page. Pages may load nothing but this
 * service's own files (Content-Security-Policy {@code default-src 'self'}; the page has no inline script).
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfiguration {

    static final String SIGN_IN = "/dashboard/sign-in";
    static final String FORBIDDEN = "/dashboard/forbidden";

    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** What anyone may load: signing in and out, the refusal page and static files. */
    private static final RequestMatcher OPEN = new OrRequestMatcher(
            path(HttpMethod.GET, SIGN_IN), path(HttpMethod.POST, SIGN_IN),
            path(HttpMethod.POST, "/dashboard/sign-out"),
            // Any method: a refused POST is forwarded to it as a POST.
            PathPatternRequestMatcher.withDefaults().matcher(FORBIDDEN),
            path(HttpMethod.GET, "/dashboard/assets/**"),
            path(HttpMethod.GET, "/dashboard/webjars/**"));

    /** Ahead of the JSON API's chain, which matches every request. */
    @Bean
    @Order(1)
    SecurityFilterChain dashboard(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        AuthenticationEntryPoint toSignIn = DashboardSecurityConfiguration::redirectToSignIn;
        AccessDeniedHandlerImpl forbiddenPage = new AccessDeniedHandlerImpl();
        forbiddenPage.setErrorPage(FORBIDDEN);

        http.securityMatcher("/dashboard/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie()))
                .logout(logout -> logout.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers(path(HttpMethod.GET, "/dashboard")).hasRole(Role.ANALYST.name())
                        .requestMatchers(path(HttpMethod.POST, "/dashboard/what-if")).hasRole(Role.ANALYST.name())
                        .anyRequest().denyAll())
                // Added by hand rather than through oauth2ResourceServer(): that configurer exempts every request
                // carrying a token from CSRF checks, which is right for a header and wrong for a cookie.
                .addFilter(cookieAuthentication(jwtDecoder, toSignIn))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(toSignIn)
                        .accessDeniedHandler(forbiddenPage));
        return http.build();
    }

    private static BearerTokenAuthenticationFilter cookieAuthentication(JwtDecoder jwtDecoder,
                                                                        AuthenticationEntryPoint toSignIn) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(jwtDecoder);
        provider.setJwtAuthenticationConverter(SecurityConfiguration.rolesFromToken());
        BearerTokenAuthenticationFilter filter = new BearerTokenAuthenticationFilter(new ProviderManager(provider));
        filter.setBearerTokenResolver(new SignInCookie(OPEN));
        filter.setAuthenticationEntryPoint(toSignIn);
        return filter;
    }

    /** Double-submit: the token in an HttpOnly cookie, its masked copy in each form. No server session needed. */
    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieName("leeway_dashboard_csrf");
        repository.setCookiePath(SignInCookie.PATH);
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    /** A token that no longer passes (expired, or the keys changed) is dropped along the way. */
    private static void redirectToSignIn(HttpServletRequest request, HttpServletResponse response,
                                         AuthenticationException refused) throws IOException {
        String signIn = request.getContextPath() + SIGN_IN;
        if (SignInCookie.read(request).isPresent()) {
            SignInCookie.clear(request, response);
            signIn += "?ended";
        }
        response.sendRedirect(signIn);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
