package dev.leeway.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Bearer tokens for the local platform only: an RSA key pair kept in a folder of its own, whose public half the
 * services trust when, and only when, they run with the {@code local} profile. Real deployments trust their
 * identity provider's keys instead.
 */
public final class LocalTokens {

    public static final String ISSUER = "leeway-local";
    /** The audience the services require of local tokens. */
    public static final String AUDIENCE = "leeway";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";
    private static final String PRIVATE_KEY_FILE = "jwt-private.pem";

    private final RSAPrivateKey privateKey;
    private final Path publicKey;

    private LocalTokens(RSAPrivateKey privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key pair in {@code directory}, made on first use. */
    public static LocalTokens in(Path directory) {
        try {
            Path privatePem = directory.resolve(PRIVATE_KEY_FILE);
            Path publicPem = directory.resolve(PUBLIC_KEY_FILE);
            if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                generate(directory, privatePem, publicPem);
            }
            return new LocalTokens(readPrivateKey(privatePem), publicPem);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write local keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("local signing key is unusable", e);
        }
    }

    /** The PEM file the services are pointed at ({@code LEEWAY_LOCAL_JWT_PUBLIC_KEY}). */
    public Path publicKeyFile() {
        return publicKey;
    }

    public String mint(String userId, List<String> roles, Duration lifetime) {
        return sign(claims(userId, roles, lifetime).build());
    }

    /** The claims {@link #mint} signs, to be changed before {@link #sign} (e.g. to make a hostile token). */
    public static JWTClaimsSet.Builder claims(String userId, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .claim("roles", List.copyOf(roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** {@code claims} signed with the local key, RS256. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a local token", e);
        }
        return jwt.serialize();
    }

    private static void generate(Path directory, Path privatePem, Path publicPem)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Best effort on file systems without POSIX permissions.
        }
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static RSAPrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return (RSAPrivateKey) key;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
