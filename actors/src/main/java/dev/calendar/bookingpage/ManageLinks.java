package dev.calendar.bookingpage;

import dev.calendar.digest.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links that let a guest see, cancel or move their booking without an account. A token is the
 * event id and 128 bits of HMAC-SHA256 over the event id and the guest's address, under a key only
 * the service has: unguessable, yet the same every time it is derived, so a retried booking and
 * every later email carry the same link without the token ever being stored. The meeting keeps only
 * {@link #hash} of it, and a request is let in only when its token's hash is the meeting's.
 */
public final class ManageLinks {
  private static final int MAC_BYTES = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final String publicBaseUrl;

  /** {@code key}: at least 32 bytes; {@code publicBaseUrl}: where the API is reached, no slash. */
  public ManageLinks(byte[] key, String publicBaseUrl) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a manage-link key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  /** The guest's token for this event. */
  public String token(UUID eventId, String guestEmail) {
    byte[] mac = mac(eventId, guestEmail.toLowerCase(Locale.ROOT));
    ByteBuffer raw = ByteBuffer.allocate(16 + MAC_BYTES);
    raw.putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits());
    raw.put(mac, 0, MAC_BYTES);
    return ENCODER.encodeToString(raw.array());
  }

  public String url(String token) {
    return publicBaseUrl + "/book/manage/" + token;
  }

  /** The event a well-formed token names (it still has to match the meeting's hash). */
  public static Optional<UUID> eventIdOf(String token) {
    if (token == null || token.length() != 43) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = DECODER.decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    return Optional.of(new UUID(b.getLong(), b.getLong()));
  }

  /** What the meeting keeps of a token. */
  public static String hash(String token) {
    return Sha256.hex(token);
  }

  /** Whether two hashes are equal, in time that does not depend on where they differ. */
  public static boolean sameHash(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] mac(UUID eventId, String email) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(("manage:" + eventId + ":" + email).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
