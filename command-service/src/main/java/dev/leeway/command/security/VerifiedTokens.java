package dev.leeway.command.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Verifies a bearer token once, not on every request: a front-line app sends the same token with every command
 * for its whole life, and checking its RSA signature again each time was the command path's largest single CPU
 * cost. A token verified by {@code verifier} (signature, issuer, time) is remembered by its exact text, so only
 * the very same signed bytes match; it is used again only while it has not expired, after which it goes back to
 * {@code verifier}, which refuses it. The cache is bounded in entries and in time.
 */
final class VerifiedTokens implements JwtDecoder {

    static final long MAXIMUM_TOKENS = 10_000;
    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(MAXIMUM_TOKENS).expireAfterWrite(REMEMBERED_FOR).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && unexpired(known)) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private boolean unexpired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }
}
