package dev.calendar.api;

/**
 * Text the service can take from a client: no NUL character and no unpaired UTF-16 surrogate.
 * Either kind is valid in a Java string and in JSON escapes ({@code \u0000}, {@code \ud800}) but
 * cannot be stored or sent on, so it is refused at the edge, wherever it appears.
 */
public final class Text {
  private Text() {}

  /** What is wrong with {@code text} as a noun phrase, or null when nothing is. */
  public static String flaw(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return "the NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return "an unpaired UTF-16 surrogate (not valid Unicode)";
      }
      if (Character.isLowSurrogate(c)) {
        return "an unpaired UTF-16 surrogate (not valid Unicode)";
      }
    }
    return null;
  }

  /**
   * {@code text} with NUL and unpaired surrogates replaced by U+FFFD, so a bad field name can be
   * named in an answer.
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> out.appendCodePoint(cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp));
    return out.toString();
  }
}
