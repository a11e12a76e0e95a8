package dev.calendar.bookingpage;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.WorkingHours;
import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One host's calendar as the booking rules see it, around a window: working hours (null: none set,
 * so nothing is bookable), the time each event or hold occupies (buffers included), and this event
 * type's own bookings (for limits and seats).
 */
public record HostView(
    UUID userId, WorkingHours hours, List<Occupied> occupied, List<TypeBooking> typeBookings)
    implements CborSerializable {

  /** What one event (or hold) occupies. */
  public record Occupied(UUID eventId, Interval interval) implements CborSerializable {}

  /** A confirmed booking of the event type, with its seats taken. */
  public record TypeBooking(UUID eventId, Instant start, int seatsTaken)
      implements CborSerializable {}

  public HostView {
    occupied = occupied.stream().sorted(Comparator.comparing(o -> o.interval().start())).toList();
    typeBookings = List.copyOf(typeBookings);
  }
}
