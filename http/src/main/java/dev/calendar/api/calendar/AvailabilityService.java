package dev.calendar.api.calendar;

import com.typesafe.config.Config;
import dev.calendar.api.EntityAsk;
import dev.calendar.api.user.AccountService;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.WorkingHours;
import dev.calendar.user.UserProfile;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.util.ByteString;

/** Free/busy and working hours over the users' calendar entities and profiles. */
public final class AvailabilityService {
  private final EntityAsk<CalendarEntity.Command> calendars;
  private final Function<UUID, CompletionStage<UserProfile>> profiles;
  private final AvailabilityAnswers answers;

  public AvailabilityService(
      ClusterSharding sharding, AccountService accounts, Duration askTimeout, Config config) {
    this(
        EntityAsk.sharded(sharding, CalendarEntity.TYPE_KEY, askTimeout),
        accounts::profile,
        AvailabilityAnswers.of(config));
  }

  /** Over any calendars and profiles: for tests that give canned replies. */
  AvailabilityService(
      EntityAsk<CalendarEntity.Command> calendars,
      Function<UUID, CompletionStage<UserProfile>> profiles,
      AvailabilityAnswers answers) {
    this.calendars = calendars;
    this.profiles = profiles;
    this.answers = answers;
  }

  /**
   * Busy and free time of {@code userId} in {@code window} as JSON; the zone shown is that of the
   * working hours, else the user's own (a 404 when there is no such user). An answer kept from
   * before is served again when the calendar says it has not changed since.
   */
  CompletionStage<ByteString> answer(UUID userId, Interval window) {
    var key = new AvailabilityAnswers.Key(userId, window);
    AvailabilityAnswers.Answer kept = answers.get(key);
    return profiles
        .apply(userId)
        .thenCombine(ask(userId, window, kept == null ? 0 : kept.revision()), Fetched::new)
        .thenCompose(
            fetched -> {
              var a = fetched.availability();
              ZoneId zone = a.hours() != null ? a.hours().zone() : fetched.profile().timezone();
              if (a.busy() != null) {
                return CompletableFuture.completedFuture(keep(key, a, zone));
              }
              if (kept != null && kept.zone().equals(zone)) {
                return CompletableFuture.completedFuture(kept.json());
              }
              // Unchanged, but shown in another zone now: computed again.
              return ask(userId, window, 0).thenApply(fresh -> keep(key, fresh, zone));
            });
  }

  private record Fetched(UserProfile profile, CalendarEntity.Availability availability) {}

  private CompletionStage<CalendarEntity.Availability> ask(
      UUID userId, Interval window, long knownRevision) {
    return calendars.ask(
        userId.toString(), r -> new CalendarEntity.GetAvailability(window, knownRevision, r));
  }

  private ByteString keep(AvailabilityAnswers.Key key, CalendarEntity.Availability a, ZoneId zone) {
    ByteString json = AvailabilityJson.write(key.userId(), zone, a.busy(), a.free());
    answers.put(key, new AvailabilityAnswers.Answer(a.revision(), zone, json));
    return json;
  }

  /** The user's own zone, the one working hours without a zone are in. */
  CompletionStage<ZoneId> zoneOf(UUID userId) {
    return profiles.apply(userId).thenApply(UserProfile::timezone);
  }

  CompletionStage<Done> setWorkingHours(UUID userId, WorkingHours hours) {
    return calendars.ask(userId.toString(), r -> new CalendarEntity.SetWorkingHours(hours, r));
  }
}
