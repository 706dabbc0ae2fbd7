package dev.leeway.query.dashboard;

import dev.leeway.kernel.identity.Role;
import dev.leeway.query.security.SecurityConfiguration;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;

import java.time.Clock;
import java.util.Map;

/**
 * Signing in to the dashboard: the analyst pastes a bearer token (from the identity provider, or locally from
 * {@code deploy/leeway token --user <id> --roles ANALYST}); it is checked as the API checks it and, if it is an
 * analyst's, kept in {@link SignInCookie} until it expires. The token is never logged or echoed.
 */
@Hidden
@Controller
@RequestMapping("/dashboard")
class DashboardSignInController {

    private static final String ROLE_ANALYST = "ROLE_" + Role.ANALYST.name();

    private final JwtDecoder jwtDecoder;
    private final JwtAuthenticationConverter roles = SecurityConfiguration.rolesFromToken();
    private final Clock clock;

    DashboardSignInController(JwtDecoder jwtDecoder, ObjectProvider<Clock> clock) {
        this.jwtDecoder = jwtDecoder;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The CSRF cookie is set before the page starts streaming, while headers can still be written. */
    @ModelAttribute
    void issueCsrfToken(CsrfToken csrf) {
        csrf.getToken();
    }

    @GetMapping("/sign-in")
    String signInForm(@RequestParam(name = "ended", required = false) String ended,
                      @RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
        if (ended != null) {
            model.addAttribute("notice", "Your sign-in has ended. Sign in again with a fresh token.");
        } else if (signedOut != null) {
            model.addAttribute("notice", "You are signed out.");
        }
        return "dashboard/sign-in";
    }

    @PostMapping("/sign-in")
    ModelAndView signIn(@RequestParam(name = "token", defaultValue = "") String pasted, HttpServletRequest request,
                        HttpServletResponse response) {
        String token = withoutScheme(pasted.strip());
        Jwt jwt;
        try {
            jwt = jwtDecoder.decode(token);
        } catch (JwtException notAccepted) {
            return new ModelAndView("dashboard/sign-in", Map.of("refusal", "That token was not accepted: it is "
                    + "incomplete, has expired, or was not issued by Leeway's identity provider."),
                    HttpStatus.UNAUTHORIZED);
        }
        if (!isAnalyst(jwt)) {
            return new ModelAndView("dashboard/forbidden", Map.of("refusal", "This token is valid, but the "
                    + "dashboard is for analysts: it needs the ANALYST role."), HttpStatus.FORBIDDEN);
        }
        SignInCookie.write(request, response, token, jwt.getExpiresAt(), clock.instant());
        return new ModelAndView(seeOther("/dashboard"));
    }

    @PostMapping("/sign-out")
    View signOut(HttpServletRequest request, HttpServletResponse response) {
        SignInCookie.clear(request, response);
        return seeOther(DashboardSecurityConfiguration.SIGN_IN + "?signed-out");
    }

    /** Where a refused request is forwarded, with its method (a POST without its CSRF token stays a POST). */
    @RequestMapping("/forbidden")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden() {
        return "dashboard/forbidden";
    }

    private boolean isAnalyst(Jwt jwt) {
        return roles.convert(jwt).getAuthorities().stream()
                .anyMatch(authority -> ROLE_ANALYST.equals(authority.getAuthority()));
    }

    /** A token copied together with its scheme, as it appears in an Authorization header. */
    private static String withoutScheme(String token) {
        return token.regionMatches(true, 0, "Bearer ", 0, 7) ? token.substring(7).strip() : token;
    }

    private static RedirectView seeOther(String path) {
        RedirectView redirect = new RedirectView(path, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return redirect;
    }
}
