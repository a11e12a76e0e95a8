package dev.calendar.meeting;

import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.calendar.Hold;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * {@link Calendars} as the cluster's sharded calendar entities. Checks carry the instant the ask
 * gives up, so a calendar with a long queue drops the ones nobody waits for any more.
 */
public final class ShardedCalendars implements Calendars {
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final Clock clock;

  public ShardedCalendars(ClusterSharding sharding, Duration askTimeout, Clock clock) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.clock = clock;
  }

  @Override
  public CompletionStage<CalendarEntity.HoldReply> placeHold(
      UUID calendar, Hold hold, Booking confirmedNow) {
    var answerBy = clock.instant().plus(askTimeout);
    return ref(calendar)
        .ask(
            replyTo -> new CalendarEntity.PlaceHold(hold, confirmedNow, answerBy, replyTo),
            askTimeout);
  }

  @Override
  public CompletionStage<CalendarEntity.HoldReply> checkConflicts(UUID calendar, Booking booking) {
    var answerBy = clock.instant().plus(askTimeout);
    return ref(calendar)
        .ask(replyTo -> new CalendarEntity.CheckConflicts(booking, answerBy, replyTo), askTimeout);
  }

  @Override
  public CompletionStage<Done> confirmHold(UUID calendar, UUID meetingId, UUID attemptId) {
    return ref(calendar)
        .ask(replyTo -> new CalendarEntity.ConfirmHold(meetingId, attemptId, replyTo), askTimeout);
  }

  @Override
  public CompletionStage<Done> releaseHold(UUID calendar, UUID meetingId, UUID attemptId) {
    return ref(calendar)
        .ask(replyTo -> new CalendarEntity.ReleaseHold(meetingId, attemptId, replyTo), askTimeout);
  }

  @Override
  public CompletionStage<Done> removeBooking(UUID calendar, UUID meetingId) {
    return ref(calendar)
        .ask(replyTo -> new CalendarEntity.RemoveBooking(meetingId, replyTo), askTimeout);
  }

  @Override
  public void settleNow(UUID calendar, UUID meetingId, UUID attemptId) {
    ref(calendar).tell(new CalendarEntity.HoldDue(meetingId, attemptId));
  }

  private EntityRef<CalendarEntity.Command> ref(UUID userId) {
    return sharding.entityRefFor(CalendarEntity.TYPE_KEY, userId.toString());
  }
}
