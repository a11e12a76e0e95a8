package dev.calendar.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Overlaps;
import dev.calendar.schedule.WorkingHours;
import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The decision core of one user's calendar, free of actors: confirmed bookings and tentative holds,
 * and the rule that no two of them ever overlap. Mutable on purpose (it is the state of one
 * event-sourced entity, changed only by its event handler), so big calendars are not copied per
 * event.
 */
public final class CalendarBook implements CborSerializable {
  /** Conflicts reported for one candidate at most: enough to explain a 409. */
  public static final int MAX_CONFLICTS = 20;

  private final Map<UUID, Booking> bookings;
  private final Map<UUID, Hold> holds;
  private WorkingHours workingHours;

  public CalendarBook() {
    this(new HashMap<>(), new HashMap<>(), null);
  }

  @JsonCreator
  public CalendarBook(
      @JsonProperty("bookings") Map<UUID, Booking> bookings,
      @JsonProperty("holds") Map<UUID, Hold> holds,
      @JsonProperty("workingHours") WorkingHours workingHours) {
    this.bookings = new HashMap<>(bookings);
    this.holds = new HashMap<>(holds);
    this.workingHours = workingHours;
  }

  @JsonProperty("bookings")
  public Map<UUID, Booking> bookings() {
    return bookings;
  }

  @JsonProperty("holds")
  public Map<UUID, Hold> holds() {
    return holds;
  }

  @JsonProperty("workingHours")
  public WorkingHours workingHours() {
    return workingHours;
  }

  /**
   * What {@code candidate} would overlap: every booking and hold except those of the same meeting
   * (its own earlier version is being replaced).
   */
  public List<Conflict> conflicts(Booking candidate, UUID userId) {
    Interval span = candidate.schedule().checkedSpan();
    List<Conflict> found = new ArrayList<>();
    for (Booking other : blockers(candidate.eventId())) {
      if (!other.extent().overlaps(span)) {
        continue;
      }
      for (Overlaps.Clash clash :
          Overlaps.between(candidate.schedule(), other.schedule(), MAX_CONFLICTS - found.size())) {
        Occurrence o = clash.existing();
        found.add(new Conflict(userId, o.start(), o.end(), other.eventId()));
      }
      if (found.size() >= MAX_CONFLICTS) {
        break;
      }
    }
    found.sort(Comparator.comparing(Conflict::start));
    return found;
  }

  private List<Booking> blockers(UUID exceptMeeting) {
    List<Booking> all = new ArrayList<>(bookings.size() + holds.size());
    bookings.values().stream().filter(b -> !b.eventId().equals(exceptMeeting)).forEach(all::add);
    holds.values().stream()
        .filter(h -> !h.meetingId().equals(exceptMeeting))
        .map(Hold::booking)
        .forEach(all::add);
    return all;
  }

  public Optional<Hold> hold(UUID meetingId) {
    return Optional.ofNullable(holds.get(meetingId));
  }

  // ---- changes, called only from the entity's event handler ----

  /**
   * Places the hold of a meeting's current saga attempt. {@code confirmed} is what the meeting says
   * is confirmed for this calendar right now (null: nothing), so a lost confirmation of an earlier
   * attempt is repaired here rather than forgotten.
   */
  public void placeHold(Hold hold, Booking confirmed) {
    holds.put(hold.meetingId(), hold);
    reconcileBooking(hold.meetingId(), confirmed);
  }

  /** The meeting's own word on this calendar: its confirmed booking (or none) and no hold. */
  public void reconcile(UUID meetingId, Booking confirmed) {
    holds.remove(meetingId);
    reconcileBooking(meetingId, confirmed);
  }

  private void reconcileBooking(UUID meetingId, Booking confirmed) {
    if (confirmed == null) {
      bookings.remove(meetingId);
    } else {
      bookings.put(meetingId, confirmed);
    }
  }

  /** The hold becomes the meeting's booking, replacing its earlier version if any. */
  public void confirmHold(UUID meetingId, UUID attemptId) {
    Hold hold = holds.get(meetingId);
    if (hold != null && hold.attemptId().equals(attemptId)) {
      holds.remove(meetingId);
      bookings.put(meetingId, hold.booking());
    }
  }

  public void releaseHold(UUID meetingId, UUID attemptId) {
    Hold hold = holds.get(meetingId);
    if (hold != null && hold.attemptId().equals(attemptId)) {
      holds.remove(meetingId);
    }
  }

  public void removeBooking(UUID eventId) {
    bookings.remove(eventId);
  }

  public void setWorkingHours(WorkingHours hours) {
    this.workingHours = hours;
  }

  // ---- reads ----

  /** Busy time in the window: every booking and hold, merged. */
  public List<Interval> busy(Interval window) {
    List<Interval> busy = new ArrayList<>();
    for (Booking b : blockers(null)) {
      if (b.extent().overlaps(window)) {
        for (Occurrence o : b.schedule().occurrences(window.start(), window.end())) {
          busy.add(o.interval());
        }
      }
    }
    return Interval.clip(Interval.merge(busy), window);
  }

  /** Working time (all of it when no working hours are set) minus busy time. */
  public List<Interval> free(Interval window, List<Interval> busy) {
    List<Interval> working =
        workingHours == null ? List.of(window) : workingHours.intervals(window);
    return Interval.subtract(working, busy);
  }

  /** Confirmed occurrences overlapping the window, with their booking. */
  public List<Listed> occurrences(Interval window) {
    List<Listed> listed = new ArrayList<>();
    for (Booking b : bookings.values()) {
      if (b.extent().overlaps(window)) {
        for (Occurrence o : b.schedule().occurrences(window.start(), window.end())) {
          listed.add(new Listed(b, o));
        }
      }
    }
    listed.sort(Comparator.comparing((Listed l) -> l.occurrence().start()));
    return listed;
  }

  public record Listed(Booking booking, Occurrence occurrence) implements CborSerializable {}

  /** Holds that expire at or before {@code now}. */
  public List<Hold> expiredHolds(Instant now) {
    return holds.values().stream().filter(h -> !h.expiresAt().isAfter(now)).toList();
  }
}
