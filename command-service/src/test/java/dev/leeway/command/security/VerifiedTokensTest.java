package dev.leeway.command.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** Records each verification; accepts tokens starting "good" (expiring an hour from NOW), refuses the rest. */
    private final List<String> verified = new ArrayList<>();
    private final JwtDecoder verifier = token -> {
        verified.add(token);
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(NOW.minusSeconds(60)).expiresAt(NOW.plusSeconds(3600)).build();
    };
    private final MovableClock clock = new MovableClock(NOW);
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

    @Test
    void aTokenIsVerifiedOnceWhileItLasts() {
        Jwt first = tokens.decode("good-1");
        Jwt second = tokens.decode("good-1");

        assertThat(second).isSameAs(first);
        assertThat(verified).containsExactly("good-1");
    }

    @Test
    void onlyTheVeryTextVerifiedIsRemembered() {
        tokens.decode("good-1");

        assertThatThrownBy(() -> tokens.decode("bad-1")).isInstanceOf(BadJwtException.class);
        tokens.decode("good-2");

        assertThat(verified).containsExactly("good-1", "bad-1", "good-2");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verified).containsExactly("forged", "forged");
    }

    @Test
    void fromItsExpiryOnATokenGoesBackToTheVerifier() {
        tokens.decode("good-1");

        clock.now = NOW.plusSeconds(3600);
        tokens.decode("good-1");

        assertThat(verified).containsExactly("good-1", "good-1");
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
