package dev.calendar.bookingpage;

import dev.calendar.schedule.WorkingHours;
import dev.calendar.schedule.WorkingHours.LocalRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Event types and working hours for the booking-page tests. */
final class EventTypes {
  static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID CO_HOST = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  static final Instant CREATED = Instant.parse("2026-12-01T00:00:00Z");

  private EventTypes() {}

  /** A one-seat type of {@code minutes} on a grid of the same step, no notice, no limits. */
  static EventType minutes(int minutes) {
    return type(Duration.ofMinutes(minutes), Duration.ofMinutes(minutes));
  }

  static EventType type(Duration duration, Duration slotInterval) {
    return new EventType(
        UUID.fromString("00000000-0000-0000-0000-0000000000e1"),
        OWNER,
        "intro",
        "Intro call",
        null,
        duration,
        slotInterval,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ofDays(366),
        null,
        null,
        Duration.ZERO,
        1,
        List.of(OWNER),
        List.of(),
        null,
        true,
        CREATED);
  }

  static EventType withBuffers(EventType t, Duration before, Duration after) {
    return new EventType(
        t.id(),
        t.ownerId(),
        t.slug(),
        t.title(),
        t.description(),
        t.duration(),
        t.slotInterval(),
        before,
        after,
        t.minimumNotice(),
        t.bookingHorizon(),
        t.maxPerDay(),
        t.maxPerWeek(),
        t.minimumCancelNotice(),
        t.seats(),
        t.hosts(),
        t.reminders(),
        t.location(),
        t.active(),
        t.createdAt());
  }

  static EventType withNotice(EventType t, Duration notice, Duration horizon) {
    return new EventType(
        t.id(),
        t.ownerId(),
        t.slug(),
        t.title(),
        t.description(),
        t.duration(),
        t.slotInterval(),
        t.bufferBefore(),
        t.bufferAfter(),
        notice,
        horizon,
        t.maxPerDay(),
        t.maxPerWeek(),
        t.minimumCancelNotice(),
        t.seats(),
        t.hosts(),
        t.reminders(),
        t.location(),
        t.active(),
        t.createdAt());
  }

  static EventType withLimits(EventType t, Integer perDay, Integer perWeek, int seats) {
    return new EventType(
        t.id(),
        t.ownerId(),
        t.slug(),
        t.title(),
        t.description(),
        t.duration(),
        t.slotInterval(),
        t.bufferBefore(),
        t.bufferAfter(),
        t.minimumNotice(),
        t.bookingHorizon(),
        perDay,
        perWeek,
        t.minimumCancelNotice(),
        seats,
        t.hosts(),
        t.reminders(),
        t.location(),
        t.active(),
        t.createdAt());
  }

  static EventType collective(EventType t) {
    return new EventType(
        t.id(),
        t.ownerId(),
        t.slug(),
        t.title(),
        t.description(),
        t.duration(),
        t.slotInterval(),
        t.bufferBefore(),
        t.bufferAfter(),
        t.minimumNotice(),
        t.bookingHorizon(),
        t.maxPerDay(),
        t.maxPerWeek(),
        t.minimumCancelNotice(),
        t.seats(),
        List.of(OWNER, CO_HOST),
        t.reminders(),
        t.location(),
        t.active(),
        t.createdAt());
  }

  /** {@code from}–{@code to} local time every day of the week, in {@code zone}. */
  static WorkingHours everyDay(String zone, String from, String to) {
    Map<DayOfWeek, List<LocalRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.put(day, List.of(new LocalRange(LocalTime.parse(from), LocalTime.parse(to))));
    }
    return new WorkingHours(ZoneId.of(zone), weekly, Map.of());
  }
}
