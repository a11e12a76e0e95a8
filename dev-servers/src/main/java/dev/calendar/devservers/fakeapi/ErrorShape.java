package dev.calendar.devservers.fakeapi;

/**
 * How a provider words an API error. Google puts the reason in {@code errors[0].reason}, Microsoft
 * in {@code error.code}; both are built from the same three things.
 */
public interface ErrorShape {
  Answer error(int status, String reason, String message);

  default ApiException exception(int status, String reason, String message) {
    return new ApiException(error(status, reason, message));
  }
}
