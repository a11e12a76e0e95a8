package dev.calendar.api.bookingpage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.Fields;
import dev.calendar.api.reminder.ReminderFields;
import dev.calendar.bookingpage.EventType;
import dev.calendar.notification.ReminderRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The body of {@code POST /users/{id}/event-types} and {@code PUT .../event-types/{slug}}, read and
 * checked in one pass with the defaults applied, so one 400 lists every bad field. Whether the
 * hosts exist is looked up before (see {@link Hosts#named}) and handed in as {@code unknownHosts}.
 */
record EventTypeDraft(
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
    boolean active) {

  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 5000;
  static final int MAX_LOCATION = 500;
  static final int MAX_PER_PERIOD = 1000;
  static final Duration MAX_SLOT_INTERVAL = Duration.ofHours(24);
  static final Duration DEFAULT_MINIMUM_NOTICE = Duration.ofHours(4);
  static final Duration DEFAULT_BOOKING_HORIZON = Duration.ofDays(60);
  static final Duration DEFAULT_MINIMUM_CANCEL_NOTICE = Duration.ofHours(24);

  /**
   * Reads and checks every field; throws one 400 listing all bad ones. {@code hosts} always starts
   * with {@code ownerId}; an id in {@code unknownHosts} is refused as no such user.
   */
  static EventTypeDraft parse(JsonNode body, UUID ownerId, Set<UUID> unknownHosts) {
    var f = new Fields(body);
    String slug = f.requiredString("slug", 1, Slugs.MAX_LENGTH);
    if (slug != null && !Slugs.isValid(slug)) {
      f.error("slug", Slugs.RULE);
    }
    String title = f.requiredString("title", 1, MAX_TITLE);
    String description = f.optionalString("description", 0, MAX_DESCRIPTION);
    // The slot grid steps in whole seconds: so do the duration and the interval.
    Duration duration =
        FieldValues.wholeSeconds(
            f, "duration", FieldValues.requiredDuration(f, "duration", EventType.MAX_DURATION));
    Duration slotInterval =
        FieldValues.wholeSeconds(
            f,
            "slotInterval",
            FieldValues.optionalDuration(
                f,
                "slotInterval",
                defaultSlotInterval(duration),
                EventType.MIN_SLOT_INTERVAL,
                MAX_SLOT_INTERVAL));
    Duration bufferBefore =
        FieldValues.optionalDuration(
            f, "bufferBefore", Duration.ZERO, Duration.ZERO, EventType.MAX_BUFFER);
    Duration bufferAfter =
        FieldValues.optionalDuration(
            f, "bufferAfter", Duration.ZERO, Duration.ZERO, EventType.MAX_BUFFER);
    Duration minimumNotice =
        FieldValues.optionalDuration(
            f, "minimumNotice", DEFAULT_MINIMUM_NOTICE, Duration.ZERO, EventType.MAX_HORIZON);
    Duration bookingHorizon =
        FieldValues.optionalDuration(
            f, "bookingHorizon", DEFAULT_BOOKING_HORIZON, null, EventType.MAX_HORIZON);
    Integer maxPerDay = FieldValues.optionalInt(f, "maxPerDay", 1, MAX_PER_PERIOD, null);
    Integer maxPerWeek = FieldValues.optionalInt(f, "maxPerWeek", 1, MAX_PER_PERIOD, null);
    Duration minimumCancelNotice =
        FieldValues.optionalDuration(
            f,
            "minimumCancelNotice",
            DEFAULT_MINIMUM_CANCEL_NOTICE,
            Duration.ZERO,
            EventType.MAX_HORIZON);
    Integer seats = FieldValues.optionalInt(f, "seats", 1, EventType.MAX_SEATS, 1);
    List<UUID> hosts = Hosts.read(f, "hosts", ownerId, unknownHosts);
    List<ReminderRule> reminders = ReminderFields.optionalList(f, "reminders");
    String location = f.optionalString("location", 0, MAX_LOCATION);
    Boolean active = FieldValues.optionalBoolean(f, "active", true);
    f.throwIfInvalid();
    return new EventTypeDraft(
        slug,
        title.trim(),
        description,
        duration,
        slotInterval,
        bufferBefore,
        bufferAfter,
        minimumNotice,
        bookingHorizon,
        maxPerDay,
        maxPerWeek,
        minimumCancelNotice,
        seats,
        hosts,
        reminders == null ? List.of() : reminders,
        location,
        active);
  }

  /**
   * Without a {@code slotInterval}, slots follow each other: one every {@code duration}, but never
   * closer than {@link EventType#MIN_SLOT_INTERVAL}. Null when the duration is bad (reported).
   */
  private static Duration defaultSlotInterval(Duration duration) {
    if (duration == null) {
      return null;
    }
    return duration.compareTo(EventType.MIN_SLOT_INTERVAL) < 0
        ? EventType.MIN_SLOT_INTERVAL
        : duration;
  }

  /** The type this draft describes, as {@code ownerId}'s, with this identity and creation time. */
  EventType toType(UUID id, UUID ownerId, Instant createdAt) {
    return new EventType(
        id,
        ownerId,
        slug,
        title,
        description,
        duration,
        slotInterval,
        bufferBefore,
        bufferAfter,
        minimumNotice,
        bookingHorizon,
        maxPerDay,
        maxPerWeek,
        minimumCancelNotice,
        seats,
        hosts,
        reminders,
        location,
        active,
        createdAt);
  }
}
