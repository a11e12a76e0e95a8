package dev.calendar.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.calendar.bookingpage.BookingRules;
import dev.calendar.bookingpage.EventType;
import dev.calendar.bookingpage.HostView;
import dev.calendar.bookingpage.Refusal;
import dev.calendar.external.ExternalBusy;
import dev.calendar.external.ExternalSource;
import dev.calendar.external.ExternalTimes;
import dev.calendar.schedule.CheckBudget;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Overlaps;
import dev.calendar.schedule.WorkingHours;
import dev.calendar.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
  // The owner's booking pages, by slug.
  private final Map<String, EventType> eventTypes;
  // Busy time from other calendars, by source id.
  private final Map<String, ExternalSource> externalSources;

  // Derived from the bookings and holds, never persisted: see extent().
  @JsonIgnore private final Map<UUID, Interval> bookingExtents = new HashMap<>();
  @JsonIgnore private final Map<UUID, Interval> holdExtents = new HashMap<>();

  // Confirmations applied but not yet written to the journal: see confirmUnrecorded().
  @JsonIgnore private final List<HoldKey> unrecordedConfirmations = new ArrayList<>();

  // The busy time of the sources that check conflicts, indexed: see externalChanged().
  @JsonIgnore private ExternalTimes externalTimes = ExternalTimes.EMPTY;

  // Stamped anew by every change: see revision().
  @JsonIgnore private long revision = Revisions.next();

  /** One saga attempt's hold on this calendar. */
  public record HoldKey(UUID meetingId, UUID attemptId) implements CborSerializable {}

  public CalendarBook() {
    this(new HashMap<>(), new HashMap<>(), null, null, null);
  }

  /**
   * {@code eventTypes} is null in snapshots taken before booking pages existed, {@code
   * externalSources} in those taken before external calendars.
   */
  @JsonCreator
  public CalendarBook(
      @JsonProperty("bookings") Map<UUID, Booking> bookings,
      @JsonProperty("holds") Map<UUID, Hold> holds,
      @JsonProperty("workingHours") WorkingHours workingHours,
      @JsonProperty("eventTypes") Map<String, EventType> eventTypes,
      @JsonProperty("externalSources") Map<String, ExternalSource> externalSources) {
    this.bookings = new HashMap<>(bookings);
    this.holds = new HashMap<>(holds);
    this.workingHours = workingHours;
    this.eventTypes = eventTypes == null ? new TreeMap<>() : new TreeMap<>(eventTypes);
    this.externalSources =
        externalSources == null ? new TreeMap<>() : new TreeMap<>(externalSources);
    externalChanged();
  }

  @JsonProperty("bookings")
  public Map<UUID, Booking> bookings() {
    return Collections.unmodifiableMap(bookings);
  }

  @JsonProperty("holds")
  public Map<UUID, Hold> holds() {
    return Collections.unmodifiableMap(holds);
  }

  @JsonProperty("workingHours")
  public WorkingHours workingHours() {
    return workingHours;
  }

  /** The owner's event types, by slug, in slug order. */
  @JsonProperty("eventTypes")
  public Map<String, EventType> eventTypes() {
    return Collections.unmodifiableMap(eventTypes);
  }

  /** Busy time from other calendars, by source id, in id order. */
  @JsonProperty("externalSources")
  public Map<String, ExternalSource> externalSources() {
    return Collections.unmodifiableMap(externalSources);
  }

  public Optional<EventType> eventType(String slug) {
    return Optional.ofNullable(eventTypes.get(slug));
  }

  /**
   * What {@code candidate} would overlap: every booking and hold except those of the same meeting
   * (its own earlier version is being replaced). The work is bounded by {@code budget}.
   *
   * @throws CheckBudget.Exhausted when the check would take more than the budget
   */
  public List<Conflict> conflicts(Booking candidate, UUID userId, CheckBudget budget) {
    List<Overlaps.Existing<Blocker>> existing = new ArrayList<>(bookings.size() + holds.size());
    for (Booking b : bookings.values()) {
      if (!b.eventId().equals(candidate.eventId())) {
        existing.add(
            new Overlaps.Existing<>(
                Blocker.event(b.eventId()), b.occupancy(), extent(b, bookingExtents)));
      }
    }
    for (Hold h : holds.values()) {
      if (!h.meetingId().equals(candidate.eventId())) {
        Booking b = h.booking();
        existing.add(
            new Overlaps.Existing<>(
                Blocker.event(b.eventId()), b.occupancy(), extent(b, holdExtents)));
      }
    }
    if (!externalTimes.isEmpty()) {
      existing.addAll(
          externalTimes.existing(candidate.occupancy().checkedSpan(), Blocker::external));
    }
    Set<Conflict> found = new LinkedHashSet<>();
    for (var clash : Overlaps.find(candidate.occupancy(), existing, MAX_CONFLICTS, budget)) {
      Occurrence o = clash.existing();
      Blocker by = clash.key();
      found.add(new Conflict(userId, o.start(), o.end(), by.eventId(), by.source()));
    }
    List<Conflict> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing(Conflict::start));
    return sorted;
  }

  /** What stands in a candidate's way: an event (or hold), or another calendar's busy time. */
  private record Blocker(UUID eventId, String source) {
    static Blocker event(UUID eventId) {
      return new Blocker(eventId, null);
    }

    static Blocker external(String source) {
      return new Blocker(null, source);
    }
  }

  /** {@link #conflicts(Booking, UUID, CheckBudget)} with the standard budget. */
  public List<Conflict> conflicts(Booking candidate, UUID userId) {
    return conflicts(candidate, userId, CheckBudget.standard());
  }

  /**
   * Where a booking has occurrences at all, remembered: for a series with EXDATEs or moved
   * instances it takes a pass over the rule, which a check must not repeat for every blocker.
   */
  private static Interval extent(Booking b, Map<UUID, Interval> cache) {
    return cache.computeIfAbsent(b.eventId(), id -> b.extent());
  }

  /**
   * A stamp of this calendar as it is now, new after every change (and in every incarnation of the
   * calendar), never 0: two reads with the same revision saw the same calendar, so what was
   * computed from the first still holds.
   */
  public long revision() {
    return revision;
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
    revision = Revisions.next();
    holds.put(hold.meetingId(), hold);
    holdExtents.remove(hold.meetingId());
    reconcileBooking(hold.meetingId(), confirmed);
  }

  /** The meeting's own word on this calendar: its confirmed booking (or none) and no hold. */
  public void reconcile(UUID meetingId, Booking confirmed) {
    revision = Revisions.next();
    removeHold(meetingId);
    reconcileBooking(meetingId, confirmed);
  }

  private void reconcileBooking(UUID meetingId, Booking confirmed) {
    revision = Revisions.next();
    if (confirmed == null) {
      bookings.remove(meetingId);
    } else {
      bookings.put(meetingId, confirmed);
    }
    bookingExtents.remove(meetingId);
  }

  /** The hold becomes the meeting's booking, replacing its earlier version if any. */
  public void confirmHold(UUID meetingId, UUID attemptId) {
    Hold hold = holds.get(meetingId);
    if (hold != null && hold.attemptId().equals(attemptId)) {
      revision = Revisions.next();
      Interval extent = holdExtents.get(meetingId);
      removeHold(meetingId);
      bookings.put(meetingId, hold.booking());
      bookingExtents.remove(meetingId);
      if (extent != null) {
        bookingExtents.put(meetingId, extent);
      }
    }
  }

  /**
   * Confirms a hold without an event of its own: the confirmation is written with the calendar's
   * next event ({@link #recordConfirmations}). Safe because the meeting persisted its decision
   * before it confirmed: if this calendar stops before the confirmation is written, it recovers the
   * hold, and a hold past its expiry is settled by asking the meeting, which answers with the same
   * booking. It saves one journal write per calendar per booking.
   */
  public void confirmUnrecorded(UUID meetingId, UUID attemptId) {
    Hold hold = holds.get(meetingId);
    if (hold != null && hold.attemptId().equals(attemptId)) {
      confirmHold(meetingId, attemptId);
      unrecordedConfirmations.add(new HoldKey(meetingId, attemptId));
    }
  }

  /** The confirmations the next event must carry to the journal. */
  public List<HoldKey> unrecordedConfirmations() {
    return List.copyOf(unrecordedConfirmations);
  }

  /**
   * An event carried these confirmations: apply them (on replay they are still holds; live they
   * were applied already, and confirming again does nothing) and stop carrying them.
   */
  public void recordConfirmations(List<HoldKey> confirmed) {
    for (HoldKey key : confirmed) {
      confirmHold(key.meetingId(), key.attemptId());
    }
    unrecordedConfirmations.removeAll(confirmed);
  }

  public void releaseHold(UUID meetingId, UUID attemptId) {
    Hold hold = holds.get(meetingId);
    if (hold != null && hold.attemptId().equals(attemptId)) {
      removeHold(meetingId);
    }
  }

  private void removeHold(UUID meetingId) {
    revision = Revisions.next();
    holds.remove(meetingId);
    holdExtents.remove(meetingId);
  }

  public void setWorkingHours(WorkingHours hours) {
    revision = Revisions.next();
    this.workingHours = hours;
  }

  /**
   * Creates or replaces the type under its slug ({@code previousSlug}: its slug before, if any).
   */
  public void saveEventType(EventType type, String previousSlug) {
    revision = Revisions.next();
    if (previousSlug != null) {
      eventTypes.remove(previousSlug);
    }
    eventTypes.put(type.slug(), type);
  }

  public void deleteEventType(String slug) {
    revision = Revisions.next();
    eventTypes.remove(slug);
  }

  /**
   * Replaces every busy block of source {@code id} at once (creating the source, checking
   * conflicts, if it is new): there is no moment with the old blocks gone and the new ones not yet
   * there.
   */
  public void replaceExternalBusy(String id, List<ExternalBusy> busy) {
    ExternalSource source = externalSources.get(id);
    externalSources.put(
        id, source == null ? new ExternalSource(id, true, busy) : source.withBusy(busy));
    externalChanged();
  }

  /**
   * {@code busy} with {@code upserts} put in place of the blocks of the same key (else added) and
   * every block of an id in {@code removed} gone; the order of what stays is kept.
   */
  public static List<ExternalBusy> patched(
      List<ExternalBusy> busy, List<ExternalBusy> upserts, List<String> removed) {
    Set<String> gone = new HashSet<>(removed);
    Map<ExternalBusy.Key, ExternalBusy> replacing = new LinkedHashMap<>();
    for (ExternalBusy b : upserts) {
      replacing.put(b.key(), b);
    }
    List<ExternalBusy> result = new ArrayList<>(busy.size() + upserts.size());
    for (ExternalBusy b : busy) {
      if (!gone.contains(b.externalId())) {
        ExternalBusy next = replacing.remove(b.key());
        result.add(next == null ? b : next);
      }
    }
    result.addAll(replacing.values());
    return result;
  }

  public void removeExternalSource(String id) {
    externalSources.remove(id);
    externalChanged();
  }

  public void checkExternalConflicts(String id, boolean check) {
    // A source not seen yet is kept empty with the flag, so that its first busy time is taken
    // the way its user asked (a connection's setting can change before its first sync).
    ExternalSource source = externalSources.get(id);
    externalSources.put(
        id, source == null ? new ExternalSource(id, check, List.of()) : source.checking(check));
    externalChanged();
  }

  private void externalChanged() {
    revision = Revisions.next();
    // The system clock only centres what is expanded ahead; every answer is the same without it.
    externalTimes = new ExternalTimes(externalSources.values(), Instant.now());
  }

  // ---- reads ----

  /** Busy time in the window: what every booking and hold occupies (buffers too), merged. */
  public List<Interval> busy(Interval window) {
    List<Interval> busy = new ArrayList<>();
    for (Booking b : bookings.values()) {
      addOccurrences(b, extent(b, bookingExtents), window, busy);
    }
    for (Hold h : holds.values()) {
      addOccurrences(h.booking(), extent(h.booking(), holdExtents), window, busy);
    }
    externalTimes.addBusy(window, busy);
    return Interval.clip(busy, window);
  }

  private static void addOccurrences(
      Booking b, Interval extent, Interval window, List<Interval> into) {
    if (extent.overlaps(window)) {
      for (Occurrence o : b.occupancy().occurrences(window.start(), window.end())) {
        into.add(o.interval());
      }
    }
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
      if (extent(b, bookingExtents).overlaps(window)) {
        for (Occurrence o : b.schedule().occurrences(window.start(), window.end())) {
          listed.add(new Listed(b, o));
        }
      }
    }
    listed.sort(Comparator.comparing((Listed l) -> l.occurrence().start()));
    return listed;
  }

  public record Listed(Booking booking, Occurrence occurrence) implements CborSerializable {}

  /**
   * What a booking page's rules say of {@code booking} on this calendar (user {@code userId}) at
   * {@code now}; empty for a booking made otherwise. The owner's calendar applies the type as it is
   * now (grid, notice, horizon, limits, seats, free time), a co-host's its own hours and free time.
   * The booking's own earlier version (a reschedule) does not count against it.
   */
  public Optional<Refusal> pageRefusal(UUID userId, Booking booking, Instant now) {
    Booking.PageBooking page = booking.page();
    if (page == null) {
      return Optional.empty();
    }
    Instant start = booking.schedule().start();
    Instant end = booking.schedule().end();
    Interval slot = new Interval(start, end);
    if (userId.equals(booking.organizerId())) {
      EventType type =
          eventTypes.values().stream()
              .filter(t -> t.id().equals(page.eventTypeId()) && t.active())
              .findFirst()
              .orElse(null);
      if (type == null) {
        return Optional.of(Refusal.UNAVAILABLE);
      }
      var decision =
          BookingRules.forOwner(type, hostView(userId, type, slot, booking.eventId()), start, now);
      return Optional.ofNullable(decision.refusal());
    }
    return BookingRules.forCoHost(
        hostViewForCoHost(userId, slot, booking.eventId()),
        start,
        end,
        page.bufferBefore(),
        page.bufferAfter(),
        null);
  }

  /**
   * This calendar as the booking rules see it for {@code type} around {@code window}: what every
   * booking and hold occupies near it, and the type's own confirmed bookings (for limits and seats,
   * holds included), leaving out {@code except} (an event being moved; null: none).
   */
  public HostView hostView(UUID userId, EventType type, Interval window, UUID except) {
    // The ISO weeks of the window's days, for weekly limits.
    Interval weeks =
        new Interval(
            window.start().minus(Duration.ofDays(8)), window.end().plus(Duration.ofDays(8)));
    // Holds count too (a booking being decided now must not let a limit be passed), and stand
    // for their meeting's confirmed version.
    Map<UUID, Booking> candidates = new HashMap<>(bookings);
    holds.values().forEach(h -> candidates.put(h.meetingId(), h.booking()));
    List<HostView.TypeBooking> typeBookings = new ArrayList<>();
    for (Booking b : candidates.values()) {
      if (!b.eventId().equals(except)
          && b.page() != null
          && b.page().eventTypeId().equals(type.id())
          && weeks.overlaps(b.schedule().extent())) {
        typeBookings.add(
            new HostView.TypeBooking(b.eventId(), b.schedule().start(), b.page().seatsTaken()));
      }
    }
    return new HostView(userId, workingHours, occupiedNear(window, except), typeBookings);
  }

  /** A co-host's calendar as the rules see it: what it occupies, leaving out {@code except}. */
  public HostView hostViewForCoHost(UUID userId, Interval window, UUID except) {
    return new HostView(userId, workingHours, occupiedNear(window, except), List.of());
  }

  /** What every booking and hold but {@code except} occupies near enough to touch a slot in it. */
  private List<HostView.Occupied> occupiedNear(Interval window, UUID except) {
    Duration reach = EventType.MAX_BUFFER.multipliedBy(2).plus(EventType.MAX_DURATION);
    Interval near = new Interval(window.start().minus(reach), window.end().plus(reach));
    List<HostView.Occupied> occupied = new ArrayList<>();
    for (Booking b : bookings.values()) {
      if (!b.eventId().equals(except)) {
        addOccupied(b, extent(b, bookingExtents), near, occupied);
      }
    }
    for (Hold h : holds.values()) {
      if (!h.meetingId().equals(except)) {
        addOccupied(h.booking(), extent(h.booking(), holdExtents), near, occupied);
      }
    }
    for (ExternalTimes.Busy b : externalTimes.overlapping(near)) {
      occupied.add(new HostView.Occupied(externalEventId(b.source()), b.interval()));
    }
    return occupied;
  }

  /** The id external busy time goes by in a host view: never a meeting's, stable per source. */
  static UUID externalEventId(String source) {
    return UUID.nameUUIDFromBytes(
        ("external-busy:" + source).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void addOccupied(
      Booking b, Interval extent, Interval window, List<HostView.Occupied> into) {
    if (extent.overlaps(window)) {
      for (Occurrence o : b.schedule().occurrences(window.start(), window.end())) {
        into.add(new HostView.Occupied(b.eventId(), b.occupancy(o)));
      }
    }
  }
}
