package dev.calendar.user;

import dev.calendar.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret of a user's calendar feed: 256 random bits, URL-safe base64 without padding (43
 * characters), carried in the feed's URL. The user entity keeps only its SHA-256 ({@link #hash})
 * and compares hashes in constant time ({@link #sameHash}); a new token replaces the hash, so the
 * old one stops working.
 */
public final class FeedTokens {
  private static final int BYTES = 32;
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private FeedTokens() {}

  public static String newToken(SecureRandom random) {
    byte[] raw = new byte[BYTES];
    random.nextBytes(raw);
    return ENCODER.encodeToString(raw);
  }

  /** Whether {@code token} could be one {@link #newToken} makes (not whether it is anyone's). */
  public static boolean wellFormed(String token) {
    return token != null && FORM.matcher(token).matches();
  }

  /** What the user entity keeps of a token: its SHA-256, in hex. */
  public static String hash(String token) {
    return Sha256.hex(token);
  }

  /** Whether two hashes are equal, in time that does not depend on where they differ. */
  static boolean sameHash(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
