package dev.calendar.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The booking protocol on pure {@link CalendarBook}s, with many sagas in flight at once and their
 * steps interleaved at random: whatever happens, no calendar ever holds two overlapping bookings or
 * holds, and free and busy time split every window exactly.
 */
class BookingProtocolProperties {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant T0 = Instant.parse("2031-03-24T06:00:00Z");
  private static final Interval WINDOW =
      new Interval(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(40)));
  private static final List<UUID> USERS = List.of(uid(1), uid(2), uid(3), uid(4), uid(5));

  sealed interface Op permits Book, Move, Cancel, Step {}

  record Book(int organizer, List<Integer> participants, int hour, int hours, boolean weekly)
      implements Op {}

  record Move(int meeting, int hour) implements Op {}

  record Cancel(int meeting) implements Op {}

  record Step(int saga) implements Op {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Integer> user = Arbitraries.integers().between(0, USERS.size() - 1);
    Arbitrary<Integer> hour = Arbitraries.integers().between(0, 24 * 20);
    Arbitrary<Op> book =
        net.jqwik.api.Combinators.combine(
                user,
                user.list().ofMaxSize(3),
                hour,
                Arbitraries.integers().between(1, 6),
                Arbitraries.of(true, false))
            .as(Book::new);
    Arbitrary<Op> move =
        net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 30), hour)
            .as(Move::new);
    Arbitrary<Op> cancel = Arbitraries.integers().between(0, 30).map(Cancel::new);
    Arbitrary<Op> step = Arbitraries.integers().between(0, 10).map(Step::new);
    return Arbitraries.frequencyOf(
            Tuple.of(3, book), Tuple.of(2, move), Tuple.of(1, cancel), Tuple.of(8, step))
        .list()
        .ofMinSize(10)
        .ofMaxSize(120);
  }

  @Property(tries = 300)
  void calendarsNeverOverlapAndFreePlusBusyIsTheWindow(@ForAll("operations") List<Op> ops) {
    var world = new World();
    for (Op op : ops) {
      world.apply(op);
      world.checkInvariants();
    }
    world.finishAll();
    world.checkInvariants();
  }

  /** Calendars, meetings and in-flight sagas, driven exactly as the entities drive them. */
  static final class World {
    final Map<UUID, CalendarBook> calendars = new HashMap<>();
    final List<UUID> meetingIds = new ArrayList<>();
    final Map<UUID, Booking> confirmed = new HashMap<>(); // meeting -> its confirmed version
    final Map<UUID, List<UUID>> confirmedOn = new HashMap<>(); // meeting -> its calendars
    final List<Saga> sagas = new ArrayList<>();

    World() {
      USERS.forEach(u -> calendars.put(u, new CalendarBook()));
    }

    void apply(Op op) {
      if (op instanceof Book b) {
        UUID meeting = UUID.randomUUID();
        meetingIds.add(meeting);
        start(
            meeting,
            calendarsOf(b.organizer(), b.participants()),
            schedule(b.hour(), b.hours(), b.weekly()));
      } else if (op instanceof Move m && !meetingIds.isEmpty()) {
        UUID meeting = meetingIds.get(m.meeting() % meetingIds.size());
        Booking current = confirmed.get(meeting);
        if (current != null && !busy(meeting)) {
          var s = current.schedule();
          start(
              meeting,
              confirmedOn.get(meeting),
              schedule(m.hour(), (int) s.duration().toHours(), s.recurring()));
        }
      } else if (op instanceof Cancel c && !meetingIds.isEmpty()) {
        UUID meeting = meetingIds.get(c.meeting() % meetingIds.size());
        if (confirmed.containsKey(meeting) && !busy(meeting)) {
          confirmedOn.remove(meeting).forEach(u -> calendars.get(u).reconcile(meeting, null));
          confirmed.remove(meeting);
        }
      } else if (op instanceof Step s && !sagas.isEmpty()) {
        Saga saga = sagas.get(s.saga() % sagas.size());
        if (saga.step()) {
          sagas.remove(saga);
        }
      }
    }

    boolean busy(UUID meeting) {
      return sagas.stream().anyMatch(s -> s.meeting.equals(meeting));
    }

    void start(UUID meeting, List<UUID> on, Schedule schedule) {
      if (busy(meeting)) {
        return; // a meeting runs one saga at a time
      }
      var booking = new Booking(meeting, on.get(0), "t", schedule);
      sagas.add(new Saga(this, meeting, UUID.randomUUID(), booking, on));
    }

    void finishAll() {
      while (!sagas.isEmpty()) {
        Iterator<Saga> it = sagas.iterator();
        while (it.hasNext()) {
          if (it.next().step()) {
            it.remove();
          }
        }
      }
    }

    void checkInvariants() {
      for (var entry : calendars.entrySet()) {
        CalendarBook book = entry.getValue();
        // A meeting being moved holds its new time beside its old booking: only different
        // meetings must never overlap.
        List<Map.Entry<UUID, Interval>> all = new ArrayList<>();
        for (Booking b : book.bookings().values()) {
          b.schedule()
              .occurrences(WINDOW.start(), WINDOW.end())
              .forEach(o -> all.add(Map.entry(b.eventId(), o.interval())));
        }
        for (Hold h : book.holds().values()) {
          h.booking()
              .schedule()
              .occurrences(WINDOW.start(), WINDOW.end())
              .forEach(o -> all.add(Map.entry(h.meetingId(), o.interval())));
        }
        for (int i = 0; i < all.size(); i++) {
          for (int j = i + 1; j < all.size(); j++) {
            var a = all.get(i);
            var b = all.get(j);
            assertThat(!a.getKey().equals(b.getKey()) && a.getValue().overlaps(b.getValue()))
                .as("calendar %s: %s overlaps %s", entry.getKey(), a, b)
                .isFalse();
          }
        }
        var busy = book.busy(WINDOW);
        var free = book.free(WINDOW, busy);
        List<Interval> union = new ArrayList<>(busy);
        union.addAll(free);
        assertThat(Interval.merge(union)).containsExactly(WINDOW);
        for (Interval f : free) {
          assertThat(busy).noneMatch(b -> b.overlaps(f));
        }
      }
    }
  }

  /** One saga attempt: hold in id order, then decide, then confirm; or release on a conflict. */
  static final class Saga {
    final World world;
    final UUID meeting;
    final UUID attempt;
    final Booking booking;
    final List<UUID> holdOn;
    final List<UUID> held = new ArrayList<>();
    boolean decided;

    Saga(World world, UUID meeting, UUID attempt, Booking booking, List<UUID> holdOn) {
      this.world = world;
      this.meeting = meeting;
      this.attempt = attempt;
      this.booking = booking;
      this.holdOn = holdOn;
    }

    /** One step; true when the saga is over. */
    boolean step() {
      if (decided) {
        holdOn.forEach(u -> world.calendars.get(u).confirmHold(meeting, attempt));
        return true;
      }
      UUID next = holdOn.get(held.size());
      CalendarBook book = world.calendars.get(next);
      if (!book.conflicts(booking, next).isEmpty()) {
        held.forEach(u -> world.calendars.get(u).releaseHold(meeting, attempt));
        return true;
      }
      book.placeHold(new Hold(attempt, booking, T0), world.confirmed.get(meeting));
      held.add(next);
      if (held.size() == holdOn.size()) {
        decided = true; // the meeting persists its decision here
        world.confirmed.put(meeting, booking);
        world.confirmedOn.put(meeting, holdOn);
      }
      return false;
    }
  }

  static List<UUID> calendarsOf(int organizer, List<Integer> participants) {
    var ids = new TreeSet<UUID>();
    ids.add(USERS.get(organizer));
    participants.forEach(p -> ids.add(USERS.get(p)));
    return List.copyOf(ids);
  }

  static Schedule schedule(int hour, int hours, boolean weekly) {
    Instant start = T0.plus(Duration.ofHours(hour));
    Instant end = start.plus(Duration.ofHours(hours));
    String rule =
        weekly
            ? Schedule.validate("FREQ=WEEKLY;COUNT=3", start, Duration.ofHours(hours), ZONE)
            : null;
    return new Schedule(start, end, ZONE, rule, List.of(), List.of());
  }

  static UUID uid(int n) {
    return new UUID(0, n);
  }
}
