package dev.calendar.meeting;

import dev.calendar.bookingpage.Refusal;
import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.calendar.Conflict;
import dev.calendar.calendar.Hold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;

/**
 * The steps of the booking saga as asynchronous stages, run by {@link MeetingEntity}, which
 * persists the decision between {@link #hold} and {@link #confirm}.
 */
final class MeetingSaga {
  private final Calendars calendars;
  private final Executor executor;

  MeetingSaga(Calendars calendars, Executor executor) {
    this.calendars = calendars;
    this.executor = executor;
  }

  /**
   * One attempt: hold {@code booking} on {@code holdOn} (in id order), keeping on each calendar
   * what is confirmed there now; after the decision, confirm those holds and free {@code
   * removeFrom} (calendars of participants the new version no longer has).
   */
  record Plan(
      UUID attemptId,
      Booking booking,
      List<UUID> holdOn,
      Map<UUID, Booking> confirmedNow,
      List<UUID> removeFrom,
      Instant expiresAt) {

    static Plan of(Meeting candidate, Meeting current, Instant expiresAt) {
      List<UUID> holdOn = candidate.calendars();
      Map<UUID, Booking> confirmedNow = new HashMap<>();
      List<UUID> removeFrom = new ArrayList<>();
      if (current != null && !current.cancelled()) {
        for (UUID calendar : current.calendars()) {
          confirmedNow.put(calendar, current.booking());
          if (!holdOn.contains(calendar)) {
            removeFrom.add(calendar);
          }
        }
      }
      return new Plan(
          candidate.attemptId(), candidate.booking(), holdOn, confirmedNow, removeFrom, expiresAt);
    }
  }

  sealed interface Outcome permits Held, Rejected, Refused, NotBookable, Failed {}

  record Held() implements Outcome {}

  record Rejected(List<Conflict> conflicts) implements Outcome {}

  /** A calendar would not check the booking (too much work); nothing is held. */
  record Refused(String reason) implements Outcome {}

  /** A booking page's rules refuse the booking on a calendar; nothing is held. */
  record NotBookable(Refusal refusal) implements Outcome {}

  record Failed(String reason) implements Outcome {}

  CompletionStage<Outcome> hold(Plan plan) {
    return holdFrom(plan, 0, new ArrayList<>());
  }

  private CompletionStage<Outcome> holdFrom(Plan plan, int index, List<UUID> held) {
    if (index == plan.holdOn().size()) {
      return CompletableFuture.completedFuture(new Held());
    }
    UUID calendar = plan.holdOn().get(index);
    var hold = new Hold(plan.attemptId(), plan.booking(), plan.expiresAt());
    return calendars
        .placeHold(calendar, hold, plan.confirmedNow().get(calendar))
        .handleAsync(
            (reply, failure) -> {
              if (failure != null) {
                return release(plan, held)
                    .thenApply(
                        done ->
                            (Outcome)
                                new Failed(
                                    "the calendar of user "
                                        + calendar
                                        + " did not answer; nothing was booked"));
              }
              if (reply instanceof CalendarEntity.HoldRefused refused) {
                return release(plan, held)
                    .thenApply(done -> (Outcome) new Refused(refused.reason()));
              }
              if (reply instanceof CalendarEntity.PageRefused refused) {
                return release(plan, held)
                    .thenApply(done -> (Outcome) new NotBookable(refused.refusal()));
              }
              if (reply instanceof CalendarEntity.HoldRejected rejected) {
                List<UUID> rest = plan.holdOn().subList(index + 1, plan.holdOn().size());
                return release(plan, held)
                    .thenCompose(done -> conflictsOn(plan, rest))
                    .thenApply(
                        more -> {
                          List<Conflict> all = new ArrayList<>(rejected.conflicts());
                          all.addAll(more);
                          all.sort(
                              Comparator.comparing(Conflict::start)
                                  .thenComparing(Conflict::userId));
                          return (Outcome) new Rejected(all);
                        });
              }
              held.add(calendar);
              return holdFrom(plan, index + 1, held);
            },
            executor)
        .thenCompose(stage -> stage);
  }

  /** After a rejection, the conflicts on the calendars not yet tried, so a 409 lists them all. */
  private CompletionStage<List<Conflict>> conflictsOn(Plan plan, List<UUID> calendarIds) {
    List<CompletableFuture<List<Conflict>>> checks = new ArrayList<>();
    for (UUID calendar : calendarIds) {
      checks.add(
          calendars
              .checkConflicts(calendar, plan.booking())
              .thenApply(
                  reply ->
                      reply instanceof CalendarEntity.HoldRejected r
                          ? r.conflicts()
                          : List.<Conflict>of())
              .exceptionally(failure -> List.of())
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> checks.stream().flatMap(c -> c.join().stream()).toList());
  }

  private CompletionStage<Done> release(Plan plan, List<UUID> held) {
    UUID meetingId = plan.booking().eventId();
    return all(held, calendar -> calendars.releaseHold(calendar, meetingId, plan.attemptId()));
  }

  /** The decision is persisted: turn the holds into bookings and free dropped calendars. */
  CompletionStage<Done> confirm(Plan plan) {
    UUID meetingId = plan.booking().eventId();
    var confirmed =
        all(
            plan.holdOn(),
            calendar -> calendars.confirmHold(calendar, meetingId, plan.attemptId()));
    var removed = release(meetingId, plan.removeFrom());
    return confirmed.thenCombine(removed, (a, b) -> Done.getInstance());
  }

  /** Frees the meeting's time on these calendars (a cancellation, or dropped participants). */
  CompletionStage<Done> release(UUID meetingId, List<UUID> calendarIds) {
    return all(calendarIds, calendar -> calendars.removeBooking(calendar, meetingId));
  }

  /**
   * The saga stopped before it finished (its decision could not be persisted, or the meeting
   * stopped): every calendar it may have held settles now, by asking the meeting, instead of
   * blocking the time until the hold falls due.
   */
  void abandon(Plan plan) {
    UUID meetingId = plan.booking().eventId();
    for (UUID calendar : plan.holdOn()) {
      calendars.settleNow(calendar, meetingId, plan.attemptId());
    }
  }

  /** Runs one ask per calendar in parallel; failures are tolerated (holds settle later). */
  private static CompletionStage<Done> all(
      List<UUID> calendars, java.util.function.Function<UUID, CompletionStage<Done>> ask) {
    var futures =
        calendars.stream()
            .map(c -> ask.apply(c).exceptionally(f -> Done.getInstance()).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(futures).thenApply(ignored -> Done.getInstance());
  }
}
