package dev.calendar.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.pekko.util.ByteString;

/**
 * A growing text of ASCII only, kept as bytes: JSON answers with hundreds of instants (busy time,
 * slot lists) are written here and sent as they are. A StringBuilder checked every character it was
 * given for whether it fits one byte, then the text was encoded once more for the wire; that was a
 * third of the CPU of a large availability answer.
 */
public final class AsciiText {
  private byte[] bytes;
  private int length;

  public AsciiText(int expectedLength) {
    bytes = new byte[Math.max(16, expectedLength)];
  }

  /** {@code text}, which must be ASCII (ids, zone ids, JSON punctuation). */
  public AsciiText append(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
    return this;
  }

  /** ASCII bytes, such as a constant piece of JSON. */
  public AsciiText append(byte[] ascii) {
    return append(ascii, 0, ascii.length);
  }

  public AsciiText append(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  public AsciiText append(int number) {
    return append(Integer.toString(number));
  }

  /** {@code count} bytes of {@code source}, from {@code offset}. */
  public AsciiText append(byte[] source, int offset, int count) {
    ensure(count);
    System.arraycopy(source, offset, bytes, length, count);
    length += count;
    return this;
  }

  public byte[] toBytes() {
    return Arrays.copyOf(bytes, length);
  }

  /** The text for an HTTP entity, without copying it: nothing may be appended afterwards. */
  public ByteString toByteString() {
    return ByteString.fromArrayUnsafe(bytes, 0, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
