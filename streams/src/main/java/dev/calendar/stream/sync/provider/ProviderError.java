package dev.calendar.stream.sync.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A refusal as the provider worded it. Three shapes are read: OAuth's {@code
 * {"error":"invalid_grant", "error_description":…}}, Google's {@code
 * {"error":{"code":403,"message":…,"errors":[{"reason":…}]}}} and Graph's {@code
 * {"error":{"code":"syncStateNotFound","message":…}}}.
 *
 * @param status the HTTP status
 * @param code OAuth's error, Google's first reason or Graph's code; null if none could be read
 * @param message the provider's message, or null
 * @param retryAfter the {@code Retry-After} the answer carried, or null
 */
public record ProviderError(int status, String code, String message, Duration retryAfter) {
  private static final int MAX_MESSAGE = 300;

  /** Reads an error answer's body; one that is not JSON leaves code and message null. */
  public static ProviderError read(int status, String body, Duration retryAfter) {
    JsonNode error = ProviderJson.parseOrMissing(body).path("error");
    if (error.isTextual()) {
      JsonNode root = ProviderJson.parseOrMissing(body);
      return new ProviderError(
          status, error.asText(), ProviderJson.text(root, "error_description"), retryAfter);
    }
    String reason = ProviderJson.text(error.path("errors").path(0), "reason");
    String code = reason != null ? reason : ProviderJson.text(error, "code");
    return new ProviderError(status, code, ProviderJson.text(error, "message"), retryAfter);
  }

  /** The exception for this error: {@code "google answered HTTP 403 (quotaExceeded): …"}. */
  public ProviderException toException(String provider, ProviderException.Kind kind) {
    StringBuilder text = new StringBuilder(provider).append(" answered HTTP ").append(status);
    if (code != null) {
      text.append(" (").append(code).append(')');
    }
    if (message != null && !message.isBlank()) {
      String shown =
          message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
      text.append(": ").append(shown);
    }
    return new ProviderException(kind, status, text.toString(), retryAfter);
  }
}
