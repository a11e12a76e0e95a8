package dev.calendar.stream.reminder;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.notification.ReminderRule;
import dev.calendar.user.UserEntity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** The planner's look-ups as asks to the meeting and user entities. */
final class EntityLookups implements ReminderPlanner.Lookups {
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  EntityLookups(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public CompletionStage<Optional<Meeting>> meeting(UUID eventId, UUID callerId) {
    return sharding
        .entityRefFor(MeetingEntity.TYPE_KEY, eventId.toString())
        .<MeetingEntity.Reply>ask(replyTo -> new MeetingEntity.Get(callerId, replyTo), askTimeout)
        .thenApply(
            reply ->
                reply instanceof MeetingEntity.Ok ok
                    ? Optional.of(ok.meeting())
                    : Optional.<Meeting>empty());
  }

  @Override
  public CompletionStage<List<ReminderRule>> defaults(UUID userId) {
    return sharding
        .entityRefFor(UserEntity.TYPE_KEY, userId.toString())
        .<UserEntity.Result>ask(UserEntity.GetProfile::new, askTimeout)
        .thenApply(
            reply ->
                reply instanceof UserEntity.Found found
                    ? found.profile().defaultReminders()
                    : List.<ReminderRule>of());
  }
}
