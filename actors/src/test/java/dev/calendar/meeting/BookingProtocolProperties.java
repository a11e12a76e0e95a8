package dev.calendar.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarBook;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.calendar.Hold;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.pekko.Done;

/**
 * The booking protocol on pure {@link CalendarBook}s, with many sagas in flight at once and their
 * steps interleaved at random: whatever happens, no calendar ever holds two overlapping bookings or
 * holds, and free and busy time split every window exactly; once every saga is over, each calendar
 * holds nothing and has exactly the bookings of the meetings on it. The sagas are the real {@link
 * MeetingSaga} with its {@link MeetingSaga.Plan}: each call it makes to a calendar waits until a
 * step of the property runs it against that calendar's book, as {@link CalendarEntity} would.
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
    world.checkSettled();
  }

  /**
   * Calendars, meetings and in-flight sagas. The meetings' side is what {@link MeetingEntity} does
   * (one saga at a time, the decision persisted between hold and confirm); the calendars' side is
   * {@link Calendars} on the pure books, each call queued until a step runs it.
   */
  static final class World implements Calendars {
    final Map<UUID, CalendarBook> calendars = new HashMap<>();
    final List<UUID> meetingIds = new ArrayList<>();
    final Map<UUID, Meeting> meetings = new HashMap<>(); // the decided version of each meeting
    final java.util.Set<UUID> busy = new java.util.HashSet<>(); // meetings running a saga
    final List<Runnable> pending = new ArrayList<>(); // calendar calls not yet run
    final MeetingSaga saga = new MeetingSaga(this, Runnable::run);

    World() {
      USERS.forEach(u -> calendars.put(u, new CalendarBook()));
    }

    void apply(Op op) {
      if (op instanceof Book b) {
        UUID meetingId = UUID.randomUUID();
        meetingIds.add(meetingId);
        UUID organizer = USERS.get(b.organizer());
        List<Participant> participants =
            b.participants().stream()
                .map(USERS::get)
                .distinct()
                .map(u -> new Participant(u, null, null))
                .toList();
        var details =
            new MeetingDetails(
                "t",
                null,
                null,
                schedule(b.hour(), b.hours(), b.weekly()),
                participants,
                List.of());
        run(Meeting.first(meetingId, organizer, details, T0, UUID.randomUUID()), null);
      } else if (op instanceof Move m && !meetingIds.isEmpty()) {
        Meeting current = meetings.get(meetingIds.get(m.meeting() % meetingIds.size()));
        if (current != null && !current.cancelled() && !busy.contains(current.id())) {
          var s = current.details().schedule();
          var moved =
              current
                  .details()
                  .withSchedule(schedule(m.hour(), (int) s.duration().toHours(), s.recurring()));
          run(current.withDetails(moved, T0, UUID.randomUUID()), current);
        }
      } else if (op instanceof Cancel c && !meetingIds.isEmpty()) {
        Meeting current = meetings.get(meetingIds.get(c.meeting() % meetingIds.size()));
        if (current != null && !current.cancelled() && !busy.contains(current.id())) {
          meetings.put(current.id(), current.cancelledAt(T0)); // persisted, then the calendars
          busy.add(current.id());
          saga.release(current.id(), current.calendars()).thenRun(() -> busy.remove(current.id()));
        }
      } else if (op instanceof Step s && !pending.isEmpty()) {
        pending.remove(s.saga() % pending.size()).run();
      }
    }

    /** One saga attempt for {@code candidate}, as MeetingEntity runs it. */
    private void run(Meeting candidate, Meeting current) {
      busy.add(candidate.id());
      var plan = MeetingSaga.Plan.of(candidate, current, T0);
      saga.hold(plan)
          .thenAccept(
              outcome -> {
                if (outcome instanceof MeetingSaga.Held) {
                  meetings.put(candidate.id(), candidate); // the decision is persisted here
                  saga.confirm(plan).thenRun(() -> busy.remove(candidate.id()));
                } else {
                  busy.remove(candidate.id());
                }
              });
    }

    void finishAll() {
      while (!pending.isEmpty()) {
        pending.remove(0).run();
      }
      assertThat(busy).isEmpty();
    }

    private <T> CompletionStage<T> later(Supplier<T> call) {
      var answer = new CompletableFuture<T>();
      pending.add(() -> answer.complete(call.get()));
      return answer;
    }

    @Override
    public CompletionStage<CalendarEntity.HoldReply> placeHold(
        UUID calendar, Hold hold, Booking confirmedNow) {
      return later(
          () -> {
            CalendarBook book = calendars.get(calendar);
            var conflicts = book.conflicts(hold.booking(), calendar);
            if (!conflicts.isEmpty()) {
              return new CalendarEntity.HoldRejected(conflicts);
            }
            book.placeHold(hold, confirmedNow);
            return new CalendarEntity.HoldPlaced();
          });
    }

    @Override
    public CompletionStage<CalendarEntity.HoldReply> checkConflicts(
        UUID calendar, Booking booking) {
      return later(
          () -> {
            var conflicts = calendars.get(calendar).conflicts(booking, calendar);
            return conflicts.isEmpty()
                ? new CalendarEntity.HoldPlaced()
                : new CalendarEntity.HoldRejected(conflicts);
          });
    }

    @Override
    public CompletionStage<Done> confirmHold(UUID calendar, UUID meetingId, UUID attemptId) {
      return later(
          () -> {
            calendars.get(calendar).confirmHold(meetingId, attemptId);
            return Done.getInstance();
          });
    }

    @Override
    public CompletionStage<Done> releaseHold(UUID calendar, UUID meetingId, UUID attemptId) {
      return later(
          () -> {
            calendars.get(calendar).releaseHold(meetingId, attemptId);
            return Done.getInstance();
          });
    }

    @Override
    public CompletionStage<Done> removeBooking(UUID calendar, UUID meetingId) {
      return later(
          () -> {
            calendars.get(calendar).reconcile(meetingId, null);
            return Done.getInstance();
          });
    }

    @Override
    public void settleNow(UUID calendar, UUID meetingId, UUID attemptId) {
      throw new AssertionError("no saga is abandoned here");
    }

    /** Once every saga is over: no holds, and each calendar has exactly its meetings. */
    void checkSettled() {
      for (var entry : calendars.entrySet()) {
        UUID user = entry.getKey();
        Map<UUID, Booking> expected = new HashMap<>();
        for (Meeting m : meetings.values()) {
          if (!m.cancelled() && m.calendars().contains(user)) {
            expected.put(m.id(), m.booking());
          }
        }
        assertThat(entry.getValue().holds()).as("holds on %s", user).isEmpty();
        assertThat(entry.getValue().bookings()).as("bookings on %s", user).isEqualTo(expected);
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
        var busyTime = book.busy(WINDOW);
        var free = book.free(WINDOW, busyTime);
        List<Interval> union = new ArrayList<>(busyTime);
        union.addAll(free);
        assertThat(Interval.merge(union)).containsExactly(WINDOW);
        for (Interval f : free) {
          assertThat(busyTime).noneMatch(b -> b.overlaps(f));
        }
      }
    }
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
