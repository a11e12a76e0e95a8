package dev.calendar.meeting;

import dev.calendar.serialization.CborSerializable;
import java.util.UUID;

/** A user of the service ({@code userId}) or an external guest ({@code email}, {@code name}). */
public record Participant(UUID userId, String email, String name) implements CborSerializable {
  public boolean internal() {
    return userId != null;
  }
}
