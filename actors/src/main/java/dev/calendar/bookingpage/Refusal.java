package dev.calendar.bookingpage;

/**
 * Why a start cannot be booked. {@code taken} refusals depend on other bookings (the slot may have
 * been listed a moment ago: 409); the others mean the start was never a slot (400).
 */
public enum Refusal {
  NOT_A_SLOT(
      false,
      "the start is not one of this event type's slots (off the grid or outside working hours)"),
  HOST_NOT_WORKING(false, "a host does not work at that time"),
  TOO_SOON(false, "the start is sooner than this event type's minimum notice"),
  BEYOND_HORIZON(false, "the start is beyond this event type's booking horizon"),
  DAY_LIMIT(true, "the host's bookings of this event type that day are at their limit"),
  WEEK_LIMIT(true, "the host's bookings of this event type that week are at their limit"),
  FULL(true, "every seat of that slot is taken"),
  BUSY(true, "the time is no longer free"),
  UNAVAILABLE(true, "this event type is no longer offered"),
  TOO_LATE_TO_CHANGE(true, "the booking is too close to its start to be changed by its guest"),
  SHARED_SLOT(true, "a seat in a shared slot cannot be moved: cancel it and book another slot");

  private final boolean taken;
  private final String message;

  Refusal(boolean taken, String message) {
    this.taken = taken;
    this.message = message;
  }

  /** The slot exists but other bookings stand in the way (409), rather than never a slot (400). */
  public boolean taken() {
    return taken;
  }

  public String message() {
    return message;
  }
}
