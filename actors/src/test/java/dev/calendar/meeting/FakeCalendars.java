package dev.calendar.meeting;

import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.calendar.Conflict;
import dev.calendar.calendar.Hold;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;

/**
 * Calendars for a meeting's tests: they grant every hold unless told to reject it on a calendar
 * (with its conflicts), record every call in order, and, when {@link #holdByHand} is set, leave
 * each hold unanswered until the test completes it.
 */
final class FakeCalendars implements Calendars {
  /** One call as the saga made it: {@code step} is the method name. */
  record Call(String step, UUID calendar) {}

  /** A hold the test answers by hand. */
  record PendingHold(UUID calendar, Hold hold, CompletableFuture<CalendarEntity.HoldReply> reply) {
    void grant() {
      reply.complete(new CalendarEntity.HoldPlaced());
    }
  }

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final Set<UUID> held = ConcurrentHashMap.newKeySet();
  final Set<UUID> confirmed = ConcurrentHashMap.newKeySet();
  final Set<UUID> settledNow = ConcurrentHashMap.newKeySet();
  private final Map<UUID, List<Conflict>> rejecting = new ConcurrentHashMap<>();
  private final BlockingQueue<PendingHold> pending = new LinkedBlockingQueue<>();
  volatile boolean holdByHand;

  /** Confirmations that never answer (the meeting's node "dies" before hearing from them). */
  volatile boolean confirmationsHang;

  /** Holds (and checks) on {@code calendar} meet these conflicts from now on. */
  void reject(UUID calendar, List<Conflict> conflicts) {
    rejecting.put(calendar, List.copyOf(conflicts));
  }

  /** The next hold left unanswered, waiting up to three seconds for it. */
  PendingHold nextPendingHold() {
    try {
      PendingHold next = pending.poll(Duration.ofSeconds(3).toMillis(), TimeUnit.MILLISECONDS);
      if (next == null) {
        throw new AssertionError("no hold was asked for");
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  long count(String step) {
    return calls.stream().filter(c -> c.step().equals(step)).count();
  }

  long count(String step, UUID calendar) {
    return calls.stream()
        .filter(c -> c.step().equals(step) && c.calendar().equals(calendar))
        .count();
  }

  List<UUID> calendarsOf(String step) {
    return calls.stream().filter(c -> c.step().equals(step)).map(Call::calendar).toList();
  }

  @Override
  public CompletionStage<CalendarEntity.HoldReply> placeHold(
      UUID calendar, Hold hold, Booking confirmedNow) {
    calls.add(new Call("placeHold", calendar));
    List<Conflict> conflicts = rejecting.get(calendar);
    if (conflicts != null) {
      return CompletableFuture.completedFuture(new CalendarEntity.HoldRejected(conflicts));
    }
    held.add(calendar);
    if (holdByHand) {
      var reply = new CompletableFuture<CalendarEntity.HoldReply>();
      pending.add(new PendingHold(calendar, hold, reply));
      return reply;
    }
    return CompletableFuture.completedFuture(new CalendarEntity.HoldPlaced());
  }

  @Override
  public CompletionStage<CalendarEntity.HoldReply> checkConflicts(UUID calendar, Booking booking) {
    calls.add(new Call("checkConflicts", calendar));
    List<Conflict> conflicts = rejecting.get(calendar);
    return CompletableFuture.completedFuture(
        conflicts != null
            ? new CalendarEntity.HoldRejected(conflicts)
            : new CalendarEntity.HoldPlaced());
  }

  @Override
  public CompletionStage<Done> confirmHold(UUID calendar, UUID meetingId, UUID attemptId) {
    calls.add(new Call("confirmHold", calendar));
    if (confirmationsHang) {
      return new CompletableFuture<>();
    }
    confirmed.add(calendar);
    return done();
  }

  @Override
  public CompletionStage<Done> releaseHold(UUID calendar, UUID meetingId, UUID attemptId) {
    calls.add(new Call("releaseHold", calendar));
    held.remove(calendar);
    return done();
  }

  @Override
  public CompletionStage<Done> removeBooking(UUID calendar, UUID meetingId) {
    calls.add(new Call("removeBooking", calendar));
    return done();
  }

  @Override
  public void settleNow(UUID calendar, UUID meetingId, UUID attemptId) {
    calls.add(new Call("settleNow", calendar));
    settledNow.add(calendar);
  }

  private static CompletionStage<Done> done() {
    return CompletableFuture.completedFuture(Done.getInstance());
  }
}
