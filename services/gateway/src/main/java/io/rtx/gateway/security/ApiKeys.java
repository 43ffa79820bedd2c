package io.rtx.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API key format and hashing. A key is {@code <keyId>.<secret>}: the id is public (stored, logged), the
 * secret is 32 random bytes in URL-safe base64, shown once at creation; only its SHA-256 (lower-case hex)
 * is stored. SHA-256 without a salt is enough because the secret is random, not a password.
 */
public final class ApiKeys {

    public static final String HEADER = "X-API-Key";
    public static final String KEY_ID_PATTERN = "[A-Za-z0-9_-]{8,64}";
    private static final Pattern KEY_ID = Pattern.compile(KEY_ID_PATTERN);
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Presented(String keyId, String secret) {
    }

    public record Issued(String keyId, String secret, String hash) {
        public String apiKey() {
            return keyId + "." + secret;
        }
    }

    private ApiKeys() {
    }

    public static Optional<Presented> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int dot = header.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String keyId = header.substring(0, dot);
        String secret = header.substring(dot + 1);
        if (!KEY_ID.matcher(keyId).matches() || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Presented(keyId, secret));
    }

    public static Issued issue() {
        String keyId = "k" + random(12);
        String secret = random(32);
        return new Issued(keyId, secret, sha256Hex(secret));
    }

    public static String sha256Hex(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Constant-time comparison, so response timing does not reveal how much of a hash matched. */
    public static boolean matches(String secret, String storedHash) {
        byte[] actual = sha256Hex(secret).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = storedHash.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expected);
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
