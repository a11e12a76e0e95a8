package dev.calendar.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code webhook-signature: v1,<base64 HMAC-SHA256(key,
 * "<id>.<timestamp>.<body>")>}, where key is the base64-decoded part of the secret after {@code
 * whsec_}. Pure functions; the delivery pipeline signs, receivers (and tests) verify.
 */
public final class WebhookSignature {
  public static final String PREFIX = "whsec_";
  public static final int MIN_KEY_BYTES = 24;
  public static final int MAX_KEY_BYTES = 64;

  /** Replay window of {@link #verify}: the spec's recommended five minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final int GENERATED_KEY_BYTES = 32;
  private static final String VERSION = "v1";
  private static final String HMAC = "HmacSHA256";

  private WebhookSignature() {}

  /** A fresh secret: {@code whsec_} and 32 random bytes in base64. */
  public static String generateSecret(SecureRandom random) {
    byte[] key = new byte[GENERATED_KEY_BYTES];
    random.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** Whether {@code secret} is {@code whsec_} + base64 of 24 to 64 bytes. */
  public static boolean isValidSecret(String secret) {
    try {
      key(secret);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The {@code webhook-signature} header value for one message. */
  public static String sign(String secret, String id, long timestamp, String body) {
    return VERSION
        + ","
        + Base64.getEncoder().encodeToString(mac(key(secret), id, timestamp, body));
  }

  /**
   * True when one of the space-separated {@code v1} signatures in {@code signatureHeader} matches
   * and the timestamp is within {@code tolerance} of {@code now} either way (a captured message
   * cannot be replayed later). Signatures are compared in constant time.
   */
  public static boolean verify(
      String secret,
      String id,
      String timestampHeader,
      String signatureHeader,
      String body,
      Duration tolerance,
      Instant now) {
    if (id == null || timestampHeader == null || signatureHeader == null || body == null) {
      return false;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = mac(key(secret), id, timestamp, body);
    boolean matched = false;
    for (String candidate : signatureHeader.trim().split(" +")) {
      int comma = candidate.indexOf(',');
      if (comma < 0 || !candidate.substring(0, comma).equals(VERSION)) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      // No early exit: every candidate is compared, each in constant time.
      matched |= MessageDigest.isEqual(expected, given);
    }
    return matched;
  }

  static byte[] key(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
    byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "a webhook secret holds " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
    }
    return key;
  }

  private static byte[] mac(byte[] key, String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
