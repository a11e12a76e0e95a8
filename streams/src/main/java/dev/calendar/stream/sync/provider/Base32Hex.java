package dev.calendar.stream.sync.provider;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * RFC 4648 base32 with the "extended hex" alphabet, lowercase and unpadded: the only characters
 * ({@code 0-9a-v}) Google accepts in an event id a client chooses.
 */
public final class Base32Hex {
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();

  private Base32Hex() {}

  /** {@code bytes} encoded, 5 bits a character, the last one zero-filled on the right. */
  public static String encode(byte[] bytes) {
    StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        text.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1f]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      text.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
    }
    return text.toString();
  }

  /**
   * The Google event id for one of our events: its UUID's 16 bytes (26 characters), so a retried
   * insert names the same event. An id that is not a UUID is encoded as its UTF-8 bytes: still
   * stable and still valid for Google.
   */
  public static String eventId(String localEventId) {
    try {
      UUID uuid = UUID.fromString(localEventId);
      ByteBuffer bytes = ByteBuffer.allocate(16);
      bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      return encode(bytes.array());
    } catch (IllegalArgumentException notAUuid) {
      return encode(localEventId.getBytes(StandardCharsets.UTF_8));
    }
  }
}
