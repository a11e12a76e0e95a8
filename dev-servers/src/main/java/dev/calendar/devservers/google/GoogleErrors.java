package dev.calendar.devservers.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.ApiException;
import dev.calendar.devservers.fakeapi.ErrorShape;
import dev.calendar.devservers.fakeapi.Json;

/**
 * Google's error bodies: {@code
 * {"error":{"code","message","errors":[{"domain","reason","message"}]}}}.
 */
final class GoogleErrors implements ErrorShape {
  static final GoogleErrors INSTANCE = new GoogleErrors();

  private GoogleErrors() {}

  @Override
  public Answer error(int status, String reason, String message) {
    ObjectNode error = Json.object();
    ObjectNode inner = error.putObject("error").put("code", status).put("message", message);
    inner
        .putArray("errors")
        .addObject()
        .put("domain", domainOf(reason))
        .put("reason", reason)
        .put("message", message);
    return Answer.json(status, error);
  }

  /** For {@code throw GoogleErrors.fail(...)} anywhere below a route. */
  static ApiException fail(int status, String reason, String message) {
    return INSTANCE.exception(status, reason, message);
  }

  private static String domainOf(String reason) {
    return switch (reason) {
      case "fullSyncRequired" -> "calendar";
      case "rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded" -> "usageLimits";
      default -> "global";
    };
  }

  /** A missing, unknown, expired or revoked access token. */
  static Answer unauthenticated() {
    ObjectNode error = Json.object();
    ObjectNode inner =
        error
            .putObject("error")
            .put("code", 401)
            .put("message", "Request had invalid authentication credentials.");
    inner
        .putArray("errors")
        .addObject()
        .put("message", "Invalid Credentials")
        .put("domain", "global")
        .put("reason", "authError");
    inner.put("status", "UNAUTHENTICATED");
    return Answer.json(401, error)
        .withHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
  }

  /** The token endpoint's own shape: {@code {"error","error_description"}}. */
  static Answer oauth(int status, String error, String description) {
    return Answer.json(
        status, Json.object().put("error", error).put("error_description", description));
  }
}
