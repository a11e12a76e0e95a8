package dev.calendar.schedule;

/** An RRULE that cannot be used; the message says why, for a 400 on {@code recurrenceRule}. */
public final class InvalidRecurrence extends RuntimeException {
  public InvalidRecurrence(String message) {
    super(message, null, false, false);
  }
}
