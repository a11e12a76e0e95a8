package dev.calendar.invitation;

/**
 * What one recipient was last told about a meeting: the {@link Fingerprint} of the invitation they
 * hold ({@link #CANCELLED} once they were told it is off for them) and its iTIP SEQUENCE.
 */
public record Told(String fingerprint, long sequence) {

  /** The fingerprint of a recipient whose last message was a cancellation. */
  public static final String CANCELLED = "cancelled";

  public static Told cancelled(long sequence) {
    return new Told(CANCELLED, sequence);
  }

  /** Holds a live invitation (not removed, not cancelled). */
  public boolean invited() {
    return !CANCELLED.equals(fingerprint);
  }
}
