package dev.calendar.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.notification.Channel;
import dev.calendar.notification.ReminderRule;
import dev.calendar.testing.EntityTestConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());

  private static final Instant T0 = Instant.parse("2027-03-01T09:00:00Z");
  private final UUID id = UUID.randomUUID();
  private EventSourcedBehaviorTestKit<UserEntity.Command, UserEntity.Event, UserEntity.State> kit;

  @BeforeEach
  void setUp() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), UserEntity.create(id));
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private UserEntity.Result register(String email) {
    return kit.<UserEntity.Result>runCommand(
            r -> new UserEntity.Register(email, "Ada", ZoneId.of("Europe/Berlin"), "h1", T0, r))
        .reply();
  }

  @Test
  void registersOnceAndAnswersTheSameProfileToARetry() {
    var first = register("ada@example.com");
    assertThat(first).isInstanceOf(UserEntity.Found.class);
    var retry =
        kit.<UserEntity.Result>runCommand(
            r ->
                new UserEntity.Register("ada@example.com", "Other", ZoneId.of("UTC"), "h2", T0, r));
    assertThat(retry.events()).isEmpty();
    assertThat(retry.reply()).isEqualTo(first);
  }

  @Test
  void refusesToReRegisterAnIdWithAnotherEmail() {
    register("ada@example.com");
    var result =
        kit.<UserEntity.Result>runCommand(
                r ->
                    new UserEntity.Register("eve@example.com", "Eve", ZoneId.of("UTC"), "h", T0, r))
            .reply();
    assertThat(result).isInstanceOf(UserEntity.EmailMismatch.class);
  }

  @Test
  void unknownUserIsNotFoundAndHasNoCredentials() {
    assertThat(kit.<UserEntity.Result>runCommand(UserEntity.GetProfile::new).reply())
        .isInstanceOf(UserEntity.NotFound.class);
    assertThat(
            kit.<UserEntity.Credentials>runCommand(UserEntity.GetCredentials::new)
                .reply()
                .passwordHash())
        .isNull();
  }

  @Test
  void patchChangesOnlyTheGivenFieldsAndCanClearThePhone() {
    register("ada@example.com");
    var reminders = List.of(new ReminderRule(Duration.ofMinutes(10), Channel.EMAIL));
    var withPhone =
        new ProfilePatch(null, null, reminders, true, "+4915112345678", List.of("tok"), null);
    var later = T0.plusSeconds(60);
    var updated =
        (UserEntity.Found)
            kit.<UserEntity.Result>runCommand(
                    r -> new UserEntity.UpdateProfile(withPhone, later, r))
                .reply();
    assertThat(updated.profile().name()).isEqualTo("Ada");
    assertThat(updated.profile().phone()).isEqualTo("+4915112345678");
    assertThat(updated.profile().defaultReminders()).isEqualTo(reminders);
    assertThat(updated.profile().updatedAt()).isEqualTo(later);

    var clearPhone = new ProfilePatch("Ada L.", null, null, true, null, null, null);
    var cleared =
        (UserEntity.Found)
            kit.<UserEntity.Result>runCommand(
                    r -> new UserEntity.UpdateProfile(clearPhone, later, r))
                .reply();
    assertThat(cleared.profile().phone()).isNull();
    assertThat(cleared.profile().name()).isEqualTo("Ada L.");
    assertThat(cleared.profile().pushTokens()).containsExactly("tok");
  }

  @Test
  void passwordChangeReplacesTheHashAndSurvivesRestart() {
    register("ada@example.com");
    var patch = new ProfilePatch(null, null, null, false, null, null, "h2");
    kit.<UserEntity.Result>runCommand(r -> new UserEntity.UpdateProfile(patch, T0, r));
    kit.restart();
    assertThat(
            kit.<UserEntity.Credentials>runCommand(UserEntity.GetCredentials::new)
                .reply()
                .passwordHash())
        .isEqualTo("h2");
  }

  private UserEntity.Result issue(String token) {
    return kit.<UserEntity.Result>runCommand(
            r -> new UserEntity.IssueFeedToken(FeedTokens.hash(token), T0, r))
        .reply();
  }

  private UserEntity.Result open(String token) {
    return kit.<UserEntity.Result>runCommand(
            r -> new UserEntity.OpenFeed(FeedTokens.hash(token), r))
        .reply();
  }

  @Test
  void aFeedTokenIsKeptAsItsHashOnlyAndOpensTheFeed() {
    register("ada@example.com");
    String token = FeedTokens.newToken(new SecureRandom());
    assertThat(FeedTokens.wellFormed(token)).isTrue();
    assertThat(open(token)).isInstanceOf(UserEntity.NotFound.class); // none issued yet

    var result =
        kit.<UserEntity.Result>runCommand(
            r -> new UserEntity.IssueFeedToken(FeedTokens.hash(token), T0, r));

    assertThat(result.reply()).isInstanceOf(UserEntity.Found.class);
    var issued = (UserEntity.FeedTokenIssued) result.event();
    assertThat(issued.tokenHash()).isEqualTo(FeedTokens.hash(token)).doesNotContain(token);
    assertThat(result.state().feedTokenHash()).isEqualTo(FeedTokens.hash(token));
    assertThat(result.state().toString()).doesNotContain(token);
    var opened = (UserEntity.Found) open(token);
    assertThat(opened.profile().email()).isEqualTo("ada@example.com");
    assertThat(open(FeedTokens.newToken(new SecureRandom())))
        .isInstanceOf(UserEntity.NotFound.class);
  }

  @Test
  void aNewFeedTokenRevokesTheOldOneAndSurvivesRestart() {
    register("ada@example.com");
    String first = FeedTokens.newToken(new SecureRandom());
    String second = FeedTokens.newToken(new SecureRandom());
    issue(first);
    issue(second);
    // A password change keeps the feed's token.
    var patch = new ProfilePatch(null, null, null, false, null, null, "h2");
    kit.<UserEntity.Result>runCommand(r -> new UserEntity.UpdateProfile(patch, T0, r));

    kit.restart();

    assertThat(open(first)).isInstanceOf(UserEntity.NotFound.class);
    assertThat(open(second)).isInstanceOf(UserEntity.Found.class);
  }

  @Test
  void anUnknownUserHasNoFeedAndGetsNoToken() {
    String token = FeedTokens.newToken(new SecureRandom());
    var result =
        kit.<UserEntity.Result>runCommand(
            r -> new UserEntity.IssueFeedToken(FeedTokens.hash(token), T0, r));
    assertThat(result.reply()).isInstanceOf(UserEntity.NotFound.class);
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(open(token)).isInstanceOf(UserEntity.NotFound.class);
  }

  @Test
  void aSnapshotTakenBeforeFeedsReadsWithoutAToken() throws Exception {
    var mapper =
        JacksonObjectMapperProvider.get(testKit.system().classicSystem())
            .getOrCreate("jackson-cbor", Optional.empty());
    var profile =
        new UserProfile(
            id, "ada@example.com", "Ada", ZoneId.of("UTC"), List.of(), null, List.of(), T0, T0);
    Map<String, Object> earlier = new LinkedHashMap<>();
    earlier.put("profile", profile);
    earlier.put("passwordHash", "h1");
    var state = mapper.readValue(mapper.writeValueAsBytes(earlier), UserEntity.State.class);
    assertThat(state).isEqualTo(new UserEntity.State(profile, "h1", null));
  }
}
