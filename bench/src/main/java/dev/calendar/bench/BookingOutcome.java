package dev.calendar.bench;

/**
 * How one request of {@code bench booking} ended. The analysis reads these by type; {@link #label}
 * is only what the report shows (in the mixed phase it starts with the method, {@code POST} or
 * {@code GET}, as both kinds of request share the phase's error column).
 */
sealed interface BookingOutcome extends Outcome {
  /** Whether the request ran in the mixed phase. */
  boolean mixed();

  private static String label(boolean mixed, String method, String status) {
    return (mixed ? method + " " : "") + status;
  }

  /** A booking answered 201, booked on {@code calendars} calendars (organizer and others). */
  record Booked(int calendars, boolean mixed) implements BookingOutcome {
    @Override
    public boolean ok() {
      return true;
    }

    @Override
    public String label() {
      return BookingOutcome.label(mixed, "POST", "201/" + calendars);
    }
  }

  /** A booking answered 409: a calendar already had something at that time. */
  record Conflicted(boolean mixed) implements BookingOutcome {
    @Override
    public boolean ok() {
      return false;
    }

    @Override
    public String label() {
      return BookingOutcome.label(mixed, "POST", "409");
    }
  }

  /** A booking answered anything but 201 or 409. */
  record Unexpected(int status, boolean mixed) implements BookingOutcome {
    @Override
    public boolean ok() {
      return false;
    }

    @Override
    public String label() {
      return BookingOutcome.label(mixed, "POST", String.valueOf(status));
    }
  }

  /** An availability read; only 200 is a success. */
  record Read(int status, boolean mixed) implements BookingOutcome {
    @Override
    public boolean ok() {
      return status == 200;
    }

    @Override
    public String label() {
      return BookingOutcome.label(mixed, "GET", String.valueOf(status));
    }
  }
}
