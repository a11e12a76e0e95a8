package dev.calendar.stream.sync.provider;

import java.time.Instant;

/** An OAuth access token, when it expires, and the refresh token that renews it. */
public record Tokens(String accessToken, Instant accessExpiresAt, String refreshToken) {
  @Override
  public String toString() {
    return "Tokens[expires " + accessExpiresAt + "]"; // never the secrets themselves
  }
}
