package dev.calendar.meeting;

import dev.calendar.serialization.CborSerializable;
import java.util.UUID;

/**
 * A user of the service ({@code userId}) or an external guest ({@code email}, {@code name}). A
 * guest who booked through a booking page has {@code manageHash}: the hash of their manage link's
 * token, the only form in which it is kept (null otherwise).
 */
public record Participant(UUID userId, String email, String name, String manageHash)
    implements CborSerializable {

  public Participant(UUID userId, String email, String name) {
    this(userId, email, name, null);
  }

  public boolean internal() {
    return userId != null;
  }
}
