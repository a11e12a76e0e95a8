package dev.calendar.bookingpage;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.WorkingHours;
import dev.calendar.schedule.WorkingHours.LocalRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place that decides whether a start can be booked: the slot list asks it for every grid
 * start, and each host's calendar asks it again, for itself, in the same step that books. So a
 * listed slot books, and an unlisted start is refused with the reason the list would give.
 *
 * <p>The owner's calendar decides the grid (its working hours, in their zone, local wall-clock
 * times: a start in a DST gap does not exist, one in an overlap is taken at the earlier offset),
 * notice, horizon, limits and seats; every host (the owner too) must work throughout the slot and
 * have it free, buffers included.
 */
public final class BookingRules {
  private BookingRules() {}

  /** A listed slot; {@code seatsLeft} is null for a type with one seat. */
  public record Slot(Instant start, Instant end, Integer seatsLeft) {}

  /**
   * What joining (or taking) the slot at {@code start} means: the refusal, or the event of this
   * type already at that start whose seats are shared (null: a new event).
   */
  public record Decision(Refusal refusal, UUID joins, int seatsLeft) {
    public boolean bookable() {
      return refusal == null;
    }
  }

  /** Every host's verdict on {@code start}; {@code hosts} are in the type's order, owner first. */
  public static Decision decide(EventType type, List<HostView> hosts, Instant start, Instant now) {
    return decide(type, hosts, start, now, false, null);
  }

  /**
   * {@code onGrid}: the start comes from {@link #grid}, so the grid check is known to pass (the
   * slot list's case; every other rule is applied all the same).
   */
  private static Decision decide(
      EventType type,
      List<HostView> hosts,
      Instant start,
      Instant now,
      boolean onGrid,
      List<long[]> reaches) {
    Decision owner =
        forOwner(type, hosts.get(0), start, now, onGrid, reaches == null ? null : reaches.get(0));
    if (!owner.bookable()) {
      return owner;
    }
    Instant end = start.plus(type.duration());
    for (int i = 1; i < hosts.size(); i++) {
      Optional<Refusal> refusal =
          forCoHost(
              hosts.get(i),
              reaches == null ? null : reaches.get(i),
              start,
              end,
              type.bufferBefore(),
              type.bufferAfter(),
              owner.joins());
      if (refusal.isPresent()) {
        return new Decision(refusal.get(), null, 0);
      }
    }
    return owner;
  }

  /** The owner's part: grid, notice, horizon, limits, seats and its own free time. */
  public static Decision forOwner(EventType type, HostView owner, Instant start, Instant now) {
    return forOwner(type, owner, start, now, false, null);
  }

  private static Decision forOwner(
      EventType type,
      HostView owner,
      Instant start,
      Instant now,
      boolean knownOnGrid,
      long[] reach) {
    if (!knownOnGrid && !onGrid(type, owner.hours(), start)) {
      return refused(Refusal.NOT_A_SLOT);
    }
    if (start.isBefore(now.plus(type.minimumNotice()))) {
      return refused(Refusal.TOO_SOON);
    }
    if (start.isAfter(now.plus(type.bookingHorizon()))) {
      return refused(Refusal.BEYOND_HORIZON);
    }
    HostView.TypeBooking sameSlot = null;
    if (type.seats() > 1) {
      for (HostView.TypeBooking b : owner.typeBookings()) {
        if (b.start().equals(start)) {
          sameSlot = b;
        }
      }
    }
    if (sameSlot != null) {
      // Joining an event that is already counted: the limits do not grow.
      if (sameSlot.seatsTaken() >= type.seats()) {
        return refused(Refusal.FULL);
      }
      if (busy(owner, reach, occupancy(type, start), sameSlot.eventId())) {
        return refused(Refusal.BUSY);
      }
      return new Decision(null, sameSlot.eventId(), type.seats() - sameSlot.seatsTaken());
    }
    ZoneId zone = owner.hours().zone();
    if (type.maxPerDay() != null
        && countSameDay(owner.typeBookings(), start, zone) >= type.maxPerDay()) {
      return refused(Refusal.DAY_LIMIT);
    }
    if (type.maxPerWeek() != null
        && countSameWeek(owner.typeBookings(), start, zone) >= type.maxPerWeek()) {
      return refused(Refusal.WEEK_LIMIT);
    }
    if (busy(owner, reach, occupancy(type, start), null)) {
      return refused(Refusal.BUSY);
    }
    return new Decision(null, null, type.seats());
  }

  /**
   * Another host's part, for the slot [start, end) with its buffers: working throughout the slot
   * and free, buffers included ({@code joins}: the event whose seat is being taken, which already
   * occupies this host). A co-host's calendar has no copy of the type: the booking carries these.
   */
  public static Optional<Refusal> forCoHost(
      HostView host,
      Instant start,
      Instant end,
      Duration bufferBefore,
      Duration bufferAfter,
      UUID joins) {
    return forCoHost(host, null, start, end, bufferBefore, bufferAfter, joins);
  }

  private static Optional<Refusal> forCoHost(
      HostView host,
      long[] reach,
      Instant start,
      Instant end,
      Duration bufferBefore,
      Duration bufferAfter,
      UUID joins) {
    if (!worksThroughout(host.hours(), start, end)) {
      return Optional.of(Refusal.HOST_NOT_WORKING);
    }
    if (busy(host, reach, new Interval(start.minus(bufferBefore), end.plus(bufferAfter)), joins)) {
      return Optional.of(Refusal.BUSY);
    }
    return Optional.empty();
  }

  private static Interval occupancy(EventType type, Instant start) {
    return new Interval(
        start.minus(type.bufferBefore()), start.plus(type.duration()).plus(type.bufferAfter()));
  }

  private static Decision refused(Refusal refusal) {
    return new Decision(refusal, null, 0);
  }

  /**
   * The bookable slots of a window, in order, as listed at some instant: the same list is what the
   * rules give at every instant before {@code stableUntil} (for the same calendars), since only
   * notice and horizon depend on the time.
   */
  public record Listing(List<Slot> slots, Instant stableUntil) {}

  /** Bookable slots starting in {@code window}, in order. */
  public static List<Slot> slots(
      EventType type, List<HostView> hosts, Interval window, Instant now) {
    return listing(type, hosts, window, now).slots();
  }

  /** {@link #slots}, and until when they hold. */
  public static Listing listing(
      EventType type, List<HostView> hosts, Interval window, Instant now) {
    List<Slot> slots = new ArrayList<>();
    List<long[]> reaches = hosts.stream().map(BookingRules::reach).toList();
    Instant earliest = now.plus(type.minimumNotice());
    Instant latest = now.plus(type.bookingHorizon());
    Instant stableUntil = Instant.MAX;
    for (Instant start : grid(type, hosts.get(0).hours(), window)) {
      if (!start.isBefore(earliest)) {
        // Becomes too soon once the clock passes start - notice.
        stableUntil = min(stableUntil, start.minus(type.minimumNotice()));
      }
      if (start.isAfter(latest)) {
        // Comes inside the horizon when the clock reaches start - horizon.
        stableUntil = min(stableUntil, start.minus(type.bookingHorizon()));
      }
      Decision d = decide(type, hosts, start, now, true, reaches);
      if (d.bookable()) {
        Integer seatsLeft = type.seats() > 1 ? d.seatsLeft() : null;
        slots.add(new Slot(start, start.plus(type.duration()), seatsLeft));
      }
    }
    return new Listing(slots, stableUntil);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /**
   * Candidate starts in {@code window}: each working-hours range's local start plus k × the slot
   * interval, per local date, whose slot ends inside the range. Independent of bookings.
   */
  public static List<Instant> grid(EventType type, WorkingHours hours, Interval window) {
    List<Instant> starts = new ArrayList<>();
    if (hours == null) {
      return starts;
    }
    ZoneId zone = hours.zone();
    ZoneRules rules = zone.getRules();
    LocalDate first = LocalDate.ofInstant(window.start(), zone).minusDays(1);
    LocalDate last = LocalDate.ofInstant(window.end(), zone);
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      for (LocalRange range : rangesOn(hours, day)) {
        LocalDateTime rangeEnd = rangeEnd(day, range);
        Instant endLimit = instant(rangeEnd, zone);
        for (LocalDateTime local = day.atTime(range.start());
            local.isBefore(rangeEnd);
            local = local.plus(type.slotInterval())) {
          List<ZoneOffset> offsets = rules.getValidOffsets(local);
          if (offsets.isEmpty()) {
            continue; // in a DST gap: this wall-clock time does not exist
          }
          // The earlier offset of a repeated hour, as ZonedDateTime.ofLocal would take it.
          Instant start = local.toInstant(offsets.get(0));
          if (start.plus(type.duration()).isAfter(endLimit)) {
            break;
          }
          if (!start.isBefore(window.start()) && start.isBefore(window.end())) {
            starts.add(start);
          }
        }
      }
    }
    starts.sort(null);
    return starts;
  }

  /** Whether {@code start} is one of {@link #grid}'s starts (without enumerating a window). */
  static boolean onGrid(EventType type, WorkingHours hours, Instant start) {
    if (hours == null) {
      return false;
    }
    ZoneId zone = hours.zone();
    LocalDateTime local = LocalDateTime.ofInstant(start, zone);
    if (!instant(local, zone).equals(start)) {
      return false; // the later of two instants with this wall-clock time
    }
    LocalDate day = local.toLocalDate();
    long step = type.slotInterval().toSeconds();
    for (LocalRange range : rangesOn(hours, day)) {
      LocalDateTime rangeStart = day.atTime(range.start());
      LocalDateTime rangeEnd = rangeEnd(day, range);
      if (local.isBefore(rangeStart) || !local.isBefore(rangeEnd)) {
        continue;
      }
      long offset = Duration.between(rangeStart, local).toSeconds();
      if (offset % step == 0 && !start.plus(type.duration()).isAfter(instant(rangeEnd, zone))) {
        return true;
      }
    }
    return false;
  }

  private static boolean worksThroughout(WorkingHours hours, Instant start, Instant end) {
    if (hours == null) {
      return false;
    }
    Interval slot = new Interval(start, end);
    List<Interval> working = Interval.merge(hours.intervals(slot));
    return working.size() == 1 && working.get(0).equals(slot);
  }

  /**
   * For each entry of the host's occupied time (sorted by start), the latest end (epoch second,
   * rounded up) of it and every entry before it: a scan back from a point can stop as soon as
   * nothing at or before it reaches that far. Built once per host for a slot list, which asks about
   * every grid start.
   */
  private static long[] reach(HostView host) {
    long[] reach = new long[host.occupied().size()];
    long latest = Long.MIN_VALUE;
    for (int i = 0; i < reach.length; i++) {
      Instant end = host.occupied().get(i).interval().end();
      latest = Math.max(latest, end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0));
      reach[i] = latest;
    }
    return reach;
  }

  /**
   * Whether {@code occupancy} overlaps anything else the host has (but {@code except}); with {@code
   * reach} (see {@link #reach}) without rescanning the calendar from its start.
   */
  private static boolean busy(HostView host, long[] reach, Interval occupancy, UUID except) {
    List<HostView.Occupied> occupied = host.occupied();
    if (reach == null) {
      reach = reach(host);
    }
    // Entries before index i start before the occupancy ends; walk back while something at or
    // before the current entry still ends after the occupancy starts.
    long from = occupancy.start().getEpochSecond();
    for (int i = startingBefore(occupied, occupancy.end()) - 1; i >= 0 && reach[i] > from; i--) {
      HostView.Occupied o = occupied.get(i);
      if (o.interval().overlaps(occupancy) && !o.eventId().equals(except)) {
        return true;
      }
    }
    return false;
  }

  /** How many of {@code occupied} (sorted by start) start before {@code instant}. */
  private static int startingBefore(List<HostView.Occupied> occupied, Instant instant) {
    int lo = 0;
    int hi = occupied.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (occupied.get(mid).interval().start().isBefore(instant)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static long countSameDay(
      List<HostView.TypeBooking> bookings, Instant start, ZoneId zone) {
    LocalDate day = LocalDate.ofInstant(start, zone);
    return bookings.stream().filter(b -> LocalDate.ofInstant(b.start(), zone).equals(day)).count();
  }

  private static long countSameWeek(
      List<HostView.TypeBooking> bookings, Instant start, ZoneId zone) {
    LocalDate day = LocalDate.ofInstant(start, zone);
    return bookings.stream()
        .filter(b -> sameIsoWeek(LocalDate.ofInstant(b.start(), zone), day))
        .count();
  }

  private static boolean sameIsoWeek(LocalDate a, LocalDate b) {
    return a.get(IsoFields.WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_BASED_YEAR)
        && a.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  private static List<LocalRange> rangesOn(WorkingHours hours, LocalDate day) {
    List<LocalRange> ranges = hours.overrides().get(day);
    return ranges != null ? ranges : hours.weekly().getOrDefault(day.getDayOfWeek(), List.of());
  }

  private static LocalDateTime rangeEnd(LocalDate day, LocalRange range) {
    return range.end().equals(LocalTime.MIDNIGHT)
        ? day.plusDays(1).atStartOfDay()
        : day.atTime(range.end());
  }

  /** The instant of a wall-clock time, the earlier one in an overlap. */
  private static Instant instant(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }
}
