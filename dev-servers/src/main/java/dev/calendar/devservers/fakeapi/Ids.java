package dev.calendar.devservers.fakeapi;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers in the alphabets the providers use. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

  private Ids() {}

  /** Lowercase base32hex ({@code [0-9a-v]}), the alphabet of Google event ids. */
  public static String base32hex(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = BASE32HEX[RANDOM.nextInt(32)];
    }
    return new String(out);
  }

  /** URL-safe base64 of random bytes, for tokens and Graph-like opaque ids. */
  public static String base64url(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** URL-safe base64 of some text: a stable opaque id derived from it. */
  public static String base64url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
