package dev.leeway.command.security;

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
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
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
import org.springframework.security.web.SecurityFilterChain;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Every business endpoint needs a signed JWT; the token's {@code sub} is the actor and its {@code roles} claim
 * the roles. Which role may call what is decided here, per endpoint, before a command is ever built.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String[] FRONT_LINE = {"AGENT"}; // SUPERVISOR inherits AGENT's rights (role hierarchy)
    private static final String[] STAFF = {"AGENT", "POLICY_OWNER"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers(HttpMethod.POST, "/cases/*/exceptions/*/decision", "/cases/*/exceptions/*/review")
                        .hasRole("SUPERVISOR")
                        .requestMatchers(HttpMethod.POST, "/cases", "/cases/*/*").hasAnyRole(FRONT_LINE)
                        .requestMatchers(HttpMethod.PUT, "/policies/*").hasRole("POLICY_OWNER")
                        .requestMatchers(HttpMethod.POST, "/policies/*/retirement").hasRole("POLICY_OWNER")
                        .requestMatchers(HttpMethod.POST, "/policies/*/proposals").hasAnyRole(STAFF)
                        .requestMatchers(HttpMethod.POST, "/audit/checkpoints").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/customers/*/erasure").hasRole("ADMIN")
                        // History import: the one request whose body names actors; only ADMIN may send it.
                        .requestMatchers(HttpMethod.POST, "/imports/cases").hasRole("ADMIN")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromToken()))
                        .authenticationEntryPoint((request, response, e) ->
                                problem(response, json, ErrorCode.UNAUTHENTICATED, "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, json, ErrorCode.FORBIDDEN, "Your roles do not allow this.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) ->
                                problem(response, json, ErrorCode.UNAUTHENTICATED, "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, json, ErrorCode.FORBIDDEN, "Your roles do not allow this.")));
        return http.build();
    }

    /** A supervisor may do whatever an agent may; other roles stand apart. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_SUPERVISOR > ROLE_AGENT");
    }

    /**
     * Tokens are verified with the identity provider's keys ({@code LEEWAY_JWT_JWK_SET_URI}, issuer checked when
     * {@code LEEWAY_JWT_ISSUER} is set). The local platform's own key is honoured only under the {@code local}
     * profile. Without either, the service refuses to start rather than accept unverified tokens. A token once
     * verified is remembered until it expires ({@link VerifiedTokens}).
     */
    @Bean
    JwtDecoder jwtDecoder(Environment environment, Clock clock,
                          @Value("${leeway.security.jwk-set-uri:}") String jwkSetUri,
                          @Value("${leeway.security.issuer:}") String issuer,
                          @Value("${leeway.security.audience:}") String audience,
                          @Value("${leeway.security.local-public-key:}") String localPublicKey) throws Exception {
        return new VerifiedTokens(verifier(environment, jwkSetUri, issuer, audience, localPublicKey), clock);
    }

    private static JwtDecoder verifier(Environment environment, String jwkSetUri, String issuer, String audience,
                                       String localPublicKey) throws Exception {
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
