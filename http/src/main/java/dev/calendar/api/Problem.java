package dev.calendar.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A failure to answer as RFC 9457 problem+json. Thrown anywhere below the routes (or returned as a
 * failed stage) and turned into a response in one place, {@link ProblemHandling}.
 */
public final class Problem extends RuntimeException {
  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions;
  private final Map<String, String> headers;

  public Problem(
      int status,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, Object> extensions,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.extensions = Map.copyOf(extensions);
    this.headers = Map.copyOf(headers);
  }

  public static Problem of(int status, String title, String detail) {
    return new Problem(status, title, detail, List.of(), Map.of(), Map.of());
  }

  public static Problem invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return new Problem(400, "Invalid input", detail, errors, Map.of(), Map.of());
  }

  public static Problem invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static Problem unauthorized(String detail) {
    return new Problem(
        401, "Unauthorized", detail, List.of(), Map.of(), Map.of("WWW-Authenticate", "Bearer"));
  }

  public static Problem forbidden(String detail) {
    return of(403, "Forbidden", detail);
  }

  public static Problem notFound(String detail) {
    return of(404, "Not found", detail);
  }

  /** The one answer to an idempotency key sent again with another request body. */
  public static Problem keyReused() {
    return of(
        422,
        "Idempotency key reused",
        "this idempotency key was already used with a different request body");
  }

  public static Problem conflict(String detail) {
    return of(409, "Conflict", detail);
  }

  /** 429 with {@code Retry-After} in whole seconds, rounded up (at least 1). */
  public static Problem tooManyRequests(String detail, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new Problem(
        429,
        "Too many requests",
        detail,
        List.of(),
        Map.of(),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  public static Problem unavailable(String detail) {
    return new Problem(
        503, "Service unavailable", detail, List.of(), Map.of(), Map.of("Retry-After", "1"));
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
