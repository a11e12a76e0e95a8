package dev.calendar.api.calendar;

import dev.calendar.api.EntityAsk;
import dev.calendar.api.user.AccountService;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.WorkingHours;
import dev.calendar.user.UserProfile;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Free/busy and working hours over the users' calendar entities and profiles. */
public final class AvailabilityService {
  /** A user's busy and free time in a window, and the zone their working hours are in. */
  public record FreeBusy(ZoneId zone, List<Interval> busy, List<Interval> free) {}

  private final EntityAsk<CalendarEntity.Command> calendars;
  private final Function<UUID, CompletionStage<UserProfile>> profiles;

  public AvailabilityService(
      ClusterSharding sharding, AccountService accounts, Duration askTimeout) {
    this(EntityAsk.sharded(sharding, CalendarEntity.TYPE_KEY, askTimeout), accounts::profile);
  }

  /** Over any calendars and profiles: for tests that give canned replies. */
  AvailabilityService(
      EntityAsk<CalendarEntity.Command> calendars,
      Function<UUID, CompletionStage<UserProfile>> profiles) {
    this.calendars = calendars;
    this.profiles = profiles;
  }

  /**
   * Busy and free time of {@code userId} in {@code window}; the zone is that of the working hours,
   * else the user's own (a 404 when there is no such user).
   */
  CompletionStage<FreeBusy> freeBusy(UUID userId, Interval window) {
    return profiles
        .apply(userId)
        .thenCombine(
            calendars.<CalendarEntity.Availability>ask(
                userId.toString(), r -> new CalendarEntity.GetAvailability(window, r)),
            (profile, a) ->
                new FreeBusy(
                    a.hours() != null ? a.hours().zone() : profile.timezone(), a.busy(), a.free()));
  }

  /** The user's own zone, the one working hours without a zone are in. */
  CompletionStage<ZoneId> zoneOf(UUID userId) {
    return profiles.apply(userId).thenApply(UserProfile::timezone);
  }

  CompletionStage<Done> setWorkingHours(UUID userId, WorkingHours hours) {
    return calendars.ask(userId.toString(), r -> new CalendarEntity.SetWorkingHours(hours, r));
  }
}
