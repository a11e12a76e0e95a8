package dev.calendar.devservers.fakeapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where an authorize page sends the browser back to. */
public final class Redirects {
  private Redirects() {}

  /** The redirect URI with {@code code} (and {@code state} when given) added to its query. */
  public static String withCode(String redirectUri, String code, String state) {
    StringBuilder location = new StringBuilder(redirectUri);
    location.append(redirectUri.contains("?") ? '&' : '?').append("code=").append(encode(code));
    if (state != null) {
      location.append("&state=").append(encode(state));
    }
    return location.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
