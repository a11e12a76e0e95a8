package dev.calendar.stream.sync.provider;

import java.time.Duration;

/**
 * Where one provider is and who we are to it.
 *
 * @param apiBaseUrl Google's {@code …/calendar/v3} or Graph's {@code …/v1.0}, without a final slash
 * @param tokenUrl the OAuth token endpoint
 * @param clientId our OAuth client id
 * @param clientSecret our OAuth client secret (never printed: see {@link #toString()})
 * @param requestTimeout for one whole request: connection, answer and its body
 * @param maxResponseBytes a bigger answer fails the request rather than fill memory
 */
public record ProviderSettings(
    String apiBaseUrl,
    String tokenUrl,
    String clientId,
    String clientSecret,
    Duration requestTimeout,
    long maxResponseBytes) {

  /** Room for a page of 250 Google events with long descriptions, with a wide margin. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  public ProviderSettings {
    if (apiBaseUrl == null || tokenUrl == null || clientId == null || clientSecret == null) {
      throw new IllegalArgumentException("provider URLs and client credentials are required");
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    if (maxResponseBytes <= 0 || maxResponseBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("maxResponseBytes out of range");
    }
    // Paths are appended as "/calendars/…": one slash only.
    while (apiBaseUrl.endsWith("/")) {
      apiBaseUrl = apiBaseUrl.substring(0, apiBaseUrl.length() - 1);
    }
  }

  public ProviderSettings(
      String apiBaseUrl,
      String tokenUrl,
      String clientId,
      String clientSecret,
      Duration requestTimeout) {
    this(apiBaseUrl, tokenUrl, clientId, clientSecret, requestTimeout, DEFAULT_MAX_RESPONSE_BYTES);
  }

  @Override
  public String toString() {
    // Settings end up in logs and error messages; the secret must not.
    return "ProviderSettings[apiBaseUrl="
        + apiBaseUrl
        + ", tokenUrl="
        + tokenUrl
        + ", clientId="
        + clientId
        + ", requestTimeout="
        + requestTimeout
        + ", maxResponseBytes="
        + maxResponseBytes
        + "]";
  }
}
