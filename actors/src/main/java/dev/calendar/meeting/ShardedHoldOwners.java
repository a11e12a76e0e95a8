package dev.calendar.meeting;

import dev.calendar.calendar.HoldOwners;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** {@link HoldOwners} as the cluster's sharded meeting entities. */
public final class ShardedHoldOwners implements HoldOwners {
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public ShardedHoldOwners(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public CompletionStage<Decision> decisionFor(UUID meetingId, UUID userId) {
    return sharding
        .entityRefFor(MeetingEntity.TYPE_KEY, meetingId.toString())
        .<MeetingEntity.CalendarState>ask(
            replyTo -> new MeetingEntity.GetCalendarState(userId, replyTo), askTimeout)
        .thenApply(state -> new Decision(state.confirmed(), state.attemptInProgress()));
  }
}
