package dev.calendar.stream.notifier;

/**
 * A delivery attempt that failed. {@code permanent}: retrying cannot help (unknown user, no phone
 * number, a URL the address policy refuses), so the message goes to the dead-letter topic at once.
 * The message is what the delivery log and the dead-letter record show; no stack trace is logged.
 */
final class DeliveryFailure extends RuntimeException {
  private final boolean permanent;

  private DeliveryFailure(String message, boolean permanent) {
    super(message, null, false, false);
    this.permanent = permanent;
  }

  static DeliveryFailure permanent(String message) {
    return new DeliveryFailure(message, true);
  }

  static DeliveryFailure retryable(String message) {
    return new DeliveryFailure(message, false);
  }

  boolean isPermanent() {
    return permanent;
  }
}
