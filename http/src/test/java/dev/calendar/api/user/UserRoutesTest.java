package dev.calendar.api.user;

import static dev.calendar.api.RouteHarness.CALLER;
import static dev.calendar.api.RouteHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.CannedEntity;
import dev.calendar.api.ClientAddress;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.api.ratelimit.TokenBucket;
import dev.calendar.session.SessionRevocations;
import dev.calendar.store.session.SessionStore;
import dev.calendar.store.session.Sessions;
import dev.calendar.store.session.StoredSession;
import dev.calendar.user.EmailRegistry;
import dev.calendar.user.PasswordHasher;
import dev.calendar.user.UserEntity;
import dev.calendar.user.UserProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /users} and {@code /sessions} over canned user entities and email registries. */
class UserRoutesTest {
  private static final Instant NOW = Instant.parse("2027-02-01T12:00:00Z");
  private static final PasswordHasher HASHER = new PasswordHasher(1024, 1, 1);
  private static final String PASSWORD = "correct horse";
  private static final String HASH = HASHER.hash(PASSWORD);

  private static final CannedEntity<UserEntity.Command> users = new CannedEntity<>();
  private static final CannedEntity<EmailRegistry.Command> emails = new CannedEntity<>();
  private static RouteHarness http;

  @BeforeAll
  static void start() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    var accounts =
        new AccountService(
            users,
            emails,
            HASHER,
            new Sessions(new Started(), SessionRevocations.none(), Duration.ofHours(1), clock),
            Runnable::run,
            clock);
    var oneTry = new TokenBucket.Limit(2, Duration.ofHours(1));
    http = new RouteHarness();
    http.serve(
        new UserRoutes(
                accounts,
                http.auth,
                http.idempotency,
                new LoginThrottle(new LoginThrottleSettings(oneTry, oneTry, 100), clock),
                new ClientAddress(List.of()))
            .route());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @BeforeEach
  void forget() {
    users.reset();
    emails.reset();
  }

  private static UserProfile profile(UUID id) {
    return new UserProfile(
        id,
        "ann@example.com",
        "Ann",
        ZoneId.of("Europe/Berlin"),
        List.of(),
        null,
        List.of(),
        NOW,
        NOW);
  }

  private static void assertProblem(Answer answer, int status) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  private static List<String> errorFields(Answer answer) {
    return answer.json().get("errors").findValues("field").stream().map(JsonNode::asText).toList();
  }

  /** A new user: registered as given, its email claimed. */
  private static Object signingUp(Object command) {
    if (command instanceof UserEntity.Register r) {
      return new UserEntity.Found(
          new UserProfile(
              UUID.randomUUID(),
              r.email(),
              r.name(),
              r.timezone(),
              List.of(),
              null,
              List.of(),
              NOW,
              NOW));
    }
    return new EmailRegistry.ClaimAccepted();
  }

  @Test
  void signUpAnswers201WithATokenThatNoCacheKeeps() {
    users.answer(UserRoutesTest::signingUp);
    emails.answer(UserRoutesTest::signingUp);

    Answer answer =
        http.anonymous(
            "POST",
            "/users",
            json("{'email': ' Ann@Example.com', 'name': ' Ann ', 'password': 'long enough'}"));

    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    assertThat(answer.header("Cache-Control")).contains("no-store");
    JsonNode body = answer.json();
    assertThat(answer.header("Location")).contains("/users/" + body.get("id").asText());
    assertThat(body.get("email").asText()).isEqualTo("ann@example.com");
    assertThat(body.get("name").asText()).isEqualTo("Ann");
    assertThat(body.get("timezone").asText()).isEqualTo("UTC");
    assertThat(body.get("token").asText()).isNotBlank();
    var register = (UserEntity.Register) users.lastCommand();
    assertThat(HASHER.verify("long enough", register.passwordHash())).isTrue();
    assertThat(emails.asked().get(0).entityId()).isEqualTo("ann@example.com");
  }

  @Test
  void aTakenEmailIs409() {
    users.answer(UserRoutesTest::signingUp);
    emails.reply(new EmailRegistry.AlreadyTaken());

    Answer answer =
        http.anonymous(
            "POST",
            "/users",
            json("{'email': 'ann@example.com', 'name': 'Ann', 'password': 'long enough'}"));

    assertProblem(answer, 409);
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("an account with this email already exists");
  }

  @Test
  void aBadSignUpIs400NamingEveryField() {
    Answer answer =
        http.anonymous(
            "POST",
            "/users",
            json("{'email': 'not an address', 'password': 'short', 'timezone': 'Moon/Base'}"));

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("email", "name", "password", "timezone");
    assertThat(users.asked()).isEmpty();
  }

  @Test
  void logInStartsASessionAndWrongPasswordsAreThrottled() {
    UUID ann = UUID.randomUUID();
    emails.reply(new EmailRegistry.Owner(ann));
    users.reply(new UserEntity.Credentials(ann, HASH));
    String path = "/sessions";

    Answer ok =
        http.anonymous(
            "POST", path, json("{'email': 'ann@example.com', 'password': '" + PASSWORD + "'}"));
    assertThat(ok.status()).as(ok.text()).isEqualTo(201);
    assertThat(ok.header("Cache-Control")).contains("no-store");
    assertThat(ok.json().get("userId").asText()).isEqualTo(ann.toString());
    assertThat(ok.json().get("token").asText()).isNotBlank();

    String wrong = json("{'email': 'bob@example.com', 'password': 'wrong'}");
    assertProblem(http.anonymous("POST", path, wrong), 401);
    assertProblem(http.anonymous("POST", path, wrong), 401);
    Answer throttled = http.anonymous("POST", path, wrong);
    assertProblem(throttled, 429);
    assertThat(throttled.header("Retry-After")).isPresent();
  }

  @Test
  void aBadLogInIs400NamingEveryField() {
    Answer answer = http.anonymous("POST", "/sessions", json("{'email': ''}"));

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("email", "password");
    assertThat(emails.asked()).isEmpty();
  }

  @Test
  void oneReadsOnesOwnProfile() {
    users.reply(new UserEntity.Found(profile(CALLER)));

    Answer own = http.call("GET", "/users/" + CALLER, null);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get("id").asText()).isEqualTo(CALLER.toString());
    assertThat(own.json().get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(users.asked().get(0).entityId()).isEqualTo(CALLER.toString());

    assertProblem(http.call("GET", "/users/" + UUID.randomUUID(), null), 403);
    assertProblem(http.call("GET", "/users/nope", null), 400);
    users.reply(new UserEntity.NotFound());
    assertProblem(http.call("GET", "/users/" + CALLER, null), 404);
  }

  @Test
  void aProfilePatchIsPassedOn() {
    users.reply(new UserEntity.Found(profile(CALLER)));

    Answer answer =
        http.call(
            "PATCH",
            "/users/" + CALLER,
            json("{'name': ' Annie ', 'timezone': 'Asia/Tokyo', 'phone': '+4915112345678'}"));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    var patch = ((UserEntity.UpdateProfile) users.lastCommand()).patch();
    assertThat(patch.name()).isEqualTo("Annie");
    assertThat(patch.timezone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(patch.phoneSet()).isTrue();
    assertThat(patch.passwordHash()).isNull();
  }

  @Test
  void aBadProfilePatchIs400NamingEveryField() {
    Answer answer =
        http.call(
            "PATCH",
            "/users/" + CALLER,
            json(
                "{'name': null, 'timezone': 'x', 'defaultReminders': [{'offset': 'PT1M', 'channel':"
                    + " 'fax'}], 'password': 'short', 'phone': '0151', 'pushTokens': ['']}"));

    assertProblem(answer, 400);
    assertThat(errorFields(answer))
        .containsExactly(
            "name",
            "timezone",
            "defaultReminders[0].channel",
            "password",
            "phone",
            "pushTokens[0]");
    assertThat(users.asked()).isEmpty();
  }

  /** Starts and ends sessions, and knows none. */
  private static final class Started implements SessionStore {
    @Override
    public CompletionStage<Void> save(
        String tokenHash, UUID userId, Instant createdAt, Instant expiresAt) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Optional<StoredSession>> find(String tokenHash) {
      return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<Void> delete(UUID userId, String tokenHash) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> deleteAllOf(UUID userId, String keepTokenHash) {
      return CompletableFuture.completedFuture(null);
    }
  }
}
