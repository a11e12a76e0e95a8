package dev.calendar.bookingpage;

import dev.calendar.notification.ReminderRule;
import dev.calendar.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A host's booking page: what can be booked ({@code duration} on a grid of {@code slotInterval}
 * inside working hours), with buffers around each booking, notice and horizon, limits per day and
 * week, and seats. Kept in the owner's calendar, so the calendar that decides a booking reads it
 * without asking anyone. {@code hosts} always lists the owner first; more hosts make it collective
 * (every host must be free). Every field is set: defaults are applied when a body is read.
 *
 * @param maxPerDay null: no limit
 * @param maxPerWeek null: no limit
 */
public record EventType(
    UUID id,
    UUID ownerId,
    String slug,
    String title,
    String description,
    Duration duration,
    Duration slotInterval,
    Duration bufferBefore,
    Duration bufferAfter,
    Duration minimumNotice,
    Duration bookingHorizon,
    Integer maxPerDay,
    Integer maxPerWeek,
    Duration minimumCancelNotice,
    int seats,
    List<UUID> hosts,
    List<ReminderRule> reminders,
    String location,
    boolean active,
    Instant createdAt)
    implements CborSerializable {

  public static final String SLUG_PATTERN = "[a-z0-9-]{1,64}";
  public static final Duration MIN_SLOT_INTERVAL = Duration.ofMinutes(5);
  public static final Duration MAX_DURATION = Duration.ofHours(12);
  public static final Duration MAX_BUFFER = Duration.ofHours(12);
  public static final Duration MAX_HORIZON = Duration.ofDays(366);
  public static final int MAX_SEATS = 1000;
  public static final int MAX_HOSTS = 10;

  /** Event types one user may have. */
  public static final int MAX_PER_USER = 100;

  public EventType {
    // The grid steps by whole seconds (see BookingRules.onGrid); the API allows only such values.
    if (slotInterval.isNegative()
        || slotInterval.isZero()
        || slotInterval.getNano() != 0
        || duration.isNegative()
        || duration.isZero()
        || duration.getNano() != 0) {
      throw new IllegalArgumentException(
          "duration and slotInterval must be positive whole seconds: "
              + duration
              + ", "
              + slotInterval);
    }
    hosts = List.copyOf(hosts);
    reminders = List.copyOf(reminders);
  }

  public boolean collective() {
    return hosts.size() > 1;
  }

  /** The hosts other than the owner: participants of each booking. */
  public List<UUID> coHosts() {
    return hosts.subList(1, hosts.size());
  }

  /** The same type, replaced by {@code next} but keeping its identity and creation time. */
  public EventType replacedBy(EventType next) {
    return new EventType(
        id,
        ownerId,
        next.slug,
        next.title,
        next.description,
        next.duration,
        next.slotInterval,
        next.bufferBefore,
        next.bufferAfter,
        next.minimumNotice,
        next.bookingHorizon,
        next.maxPerDay,
        next.maxPerWeek,
        next.minimumCancelNotice,
        next.seats,
        next.hosts,
        next.reminders,
        next.location,
        next.active,
        createdAt);
  }
}
