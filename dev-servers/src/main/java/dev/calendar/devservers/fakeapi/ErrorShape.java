package dev.calendar.devservers.fakeapi;

/**
 * How a provider words an API error. Google puts the reason in {@code errors[0].reason}, Microsoft
 * in {@code error.code}; both are built from the same three things.
 */
public interface ErrorShape {
  Answer error(int status, String reason, String message);

  /** A body that is not a JSON object; Google calls it {@code parseError}. */
  default ApiException unreadableBody() {
    return exception(400, "parseError", "The request body is not a JSON object.");
  }

  default ApiException exception(int status, String reason, String message) {
    return new ApiException(error(status, reason, message));
  }
}
