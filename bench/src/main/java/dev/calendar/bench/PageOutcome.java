package dev.calendar.bench;

/**
 * How one request of {@code bench booking-pages} ended. The analysis reads these by type; {@link
 * #label} is only what the report shows. A 429 is an outcome of its own: it is the node's limit per
 * client address on the public routes answering, not a booking page, and every request of the bench
 * comes from one address.
 */
sealed interface PageOutcome extends Outcome {
  /** A slot list answered 200. */
  record Listed() implements PageOutcome {
    @Override
    public boolean ok() {
      return true;
    }

    @Override
    public String label() {
      return "200";
    }
  }

  /** A public booking answered 201. */
  record Booked() implements PageOutcome {
    @Override
    public boolean ok() {
      return true;
    }

    @Override
    public String label() {
      return "201";
    }
  }

  /** A public booking answered 409: the slot was taken meanwhile. */
  record Taken() implements PageOutcome {
    @Override
    public boolean ok() {
      return false;
    }

    @Override
    public String label() {
      return "409";
    }
  }

  /** 429: the node's rate limit for the bench's address, not the page, answered. */
  record Limited() implements PageOutcome {
    @Override
    public boolean ok() {
      return false;
    }

    @Override
    public String label() {
      return "429";
    }
  }

  /** Any other answer. */
  record Unexpected(int status) implements PageOutcome {
    @Override
    public boolean ok() {
      return false;
    }

    @Override
    public String label() {
      return String.valueOf(status);
    }
  }

  /** Every slot listed in the set-up was booked already: nothing was sent. */
  record NoSlotLeft() implements PageOutcome {
    @Override
    public boolean ok() {
      return false;
    }

    @Override
    public String label() {
      return "no listed slot left";
    }
  }

  /** An answer to a slot list. */
  static PageOutcome ofList(int status) {
    return switch (status) {
      case 200 -> new Listed();
      case 429 -> new Limited();
      default -> new Unexpected(status);
    };
  }

  /** An answer to a booking. */
  static PageOutcome ofBooking(int status) {
    return switch (status) {
      case 201 -> new Booked();
      case 409 -> new Taken();
      case 429 -> new Limited();
      default -> new Unexpected(status);
    };
  }
}
