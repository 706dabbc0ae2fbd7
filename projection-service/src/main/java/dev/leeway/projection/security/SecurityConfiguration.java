package dev.leeway.projection.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.kernel.ErrorCode;
import dev.leeway.kernel.problems.Problem;
import dev.leeway.kernel.web.HeaderValues;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Health and metrics are public, for the platform and the scraper. The parked-event endpoints change read models,
 * so they need a signed JWT (same issuer and keys as the other services) with the ADMIN role. Nothing else is
 * served.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) ->
                problem(response, json, ErrorCode.UNAUTHENTICATED, "A valid bearer token is required.");
        AccessDeniedHandler forbidden = (request, response, e) ->
                problem(response, json, ErrorCode.FORBIDDEN, "Your roles do not allow this.");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers(HttpMethod.GET, "/projections/parked").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/projections/parked/replay").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/projections", "/projections/*/rebuild").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/projections/*/rebuild").hasRole("ADMIN")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromToken()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /** The identity provider's keys; the local platform's key only under the {@code local} profile. */
    @Bean
    JwtDecoder jwtDecoder(Environment environment,
                          @Value("${leeway.security.jwk-set-uri:}") String jwkSetUri,
                          @Value("${leeway.security.issuer:}") String issuer,
                          @Value("${leeway.security.audience:}") String audience,
                          @Value("${leeway.security.local-public-key:}") String localPublicKey) throws Exception {
        if (environment.acceptsProfiles(Profiles.of("local")) && !localPublicKey.isBlank()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(Path.of(localPublicKey))).build();
            decoder.setJwtValidator(tokenChecks("leeway-local", "leeway"));
            return decoder;
        }
        if (jwkSetUri.isBlank()) {
            throw new IllegalStateException("No token verification configured: set LEEWAY_JWT_JWK_SET_URI "
                    + "(and LEEWAY_JWT_ISSUER), or run the local platform with the local profile");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(tokenChecks(issuer, audience));
        return decoder;
    }

    /** Roles come from the token's {@code roles} claim; its {@code sub} is the actor. */
    private static JwtAuthenticationConverter rolesFromToken() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    private static RSAPublicKey readPublicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static void problem(HttpServletResponse response, ObjectMapper json, ErrorCode code, String detail)
            throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problem.of(code, detail));
    }

    /**
     * Spring Security's strict firewall, its header-value rule checked without a regular expression
     * ({@link HeaderValues}): same verdicts, a fraction of the CPU on every request's bearer token.
     */
    @Bean
    static HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(HeaderValues::allowed);
        return firewall;
    }

    /** What the firewall refuses (a control character in a header, an encoded slash in the path) is a 400 problem. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (request, response, rejected) -> problem(response, json, ErrorCode.MALFORMED_REQUEST,
                "The request has a header, path or method this service refuses.");
    }

    /**
     * Signature aside, what a token must say: that it is valid now, who issued it (when known), and, when an
     * audience is set ({@code LEEWAY_JWT_AUDIENCE}; {@code leeway} for the local platform), that it was issued
     * for Leeway: a token the same identity provider issued for another application is refused.
     */
    private static OAuth2TokenValidator<Jwt> tokenChecks(String issuer, String audience) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(issuer.isBlank() ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer));
        if (!audience.isBlank()) {
            checks.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audiences -> audiences != null && audiences.contains(audience)));
        }
        return new DelegatingOAuth2TokenValidator<>(checks);
    }
}
