package dev.calendar.api.connection;

import static dev.calendar.api.RouteHarness.CALLER;
import static dev.calendar.api.RouteHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.CannedEntity;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.api.UrlChecks;
import dev.calendar.connection.ConnectionDirectory;
import dev.calendar.connection.ConnectionEntity;
import dev.calendar.connection.ConnectionSettings;
import dev.calendar.connection.ConnectionSync;
import dev.calendar.connection.PollSchedule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /users/{id}/connections} over entities that give canned replies. */
class ConnectionRoutesTest {
  private static final String PATH = "/users/" + CALLER + "/connections";
  private static final CannedEntity<ConnectionEntity.Command> connections = new CannedEntity<>();
  private static final CannedEntity<ConnectionDirectory.Command> directories = new CannedEntity<>();
  private static RouteHarness http;

  @BeforeAll
  static void start() {
    var schedule =
        new PollSchedule(
            Duration.ofMinutes(15),
            Duration.ofMinutes(5),
            Duration.ofHours(24),
            0.1,
            Duration.ofMinutes(1),
            Duration.ofHours(6));
    var service =
        new ConnectionService(
            connections,
            directories,
            new ConnectionSettings(schedule, 3, 200, false),
            new UrlChecks(ConnectionRoutesTest::resolve, Runnable::run, false),
            new StubProviders());
    http = new RouteHarness();
    http.serve(
        new ConnectionRoutes(service, http.auth, http.idempotency).route(),
        new ProviderWebhookRoutes(connections).route());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @BeforeEach
  void forget() {
    connections.reset();
    directories.reset();
  }

  private static List<InetAddress> resolve(String host) {
    try {
      return switch (host) {
        case "calendar.example.com" ->
            List.of(InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 216, 34}));
        case "internal.example.com" -> List.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}));
        default -> List.of();
      };
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ConnectionEntity.ConnectionView view(UUID id, String url) {
    return new ConnectionEntity.ConnectionView(
        id, "ics", "syncing", "calendar.example.com", url, Instant.EPOCH, null, null, true, false);
  }

  private static List<String> errorFields(Answer answer) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    return answer.json().get("errors").findValues("field").stream().map(JsonNode::asText).toList();
  }

  @Test
  void aFeedIsConnectedAfterItIsListedAndWebcalIsKeptAsGiven() {
    directories.answer(c -> new ConnectionDirectory.Added());
    connections.answer(
        c -> {
          var connect = (ConnectionEntity.Connect) c;
          return new ConnectionEntity.Found(view(UUID.randomUUID(), connect.url()));
        });

    Answer answer =
        http.call(
            "POST",
            PATH,
            json("{'provider': 'ics', 'url': 'webcal://calendar.example.com/f.ics'}"));

    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    assertThat(answer.json().get("status").asText()).isEqualTo("syncing");
    var connect = (ConnectionEntity.Connect) connections.asked().get(0).command();
    assertThat(connect.userId()).isEqualTo(CALLER);
    assertThat(connect.url()).isEqualTo("webcal://calendar.example.com/f.ics");
    assertThat(connect.account()).isEqualTo("calendar.example.com");
    assertThat(directories.asked().get(0).command()).isInstanceOf(ConnectionDirectory.Add.class);
  }

  @Test
  void theLimitIsA409AndNothingIsConnected() {
    directories.answer(c -> new ConnectionDirectory.LimitReached(3));

    Answer answer =
        http.call(
            "POST", PATH, json("{'provider': 'ics', 'url': 'https://calendar.example.com/f.ics'}"));

    assertThat(answer.status()).as(answer.text()).isEqualTo(409);
    assertThat(connections.asked()).isEmpty();
  }

  @Test
  void badInputIs400NamingTheFieldAndReachesNoEntity() {
    assertThat(
            errorFields(
                http.call("POST", PATH, json("{'url': 'https://calendar.example.com/f.ics'}"))))
        .containsExactly("provider");
    assertThat(
            errorFields(
                http.call("POST", PATH, json("{'provider': 'caldav', 'url': 'https://a.b/c'}"))))
        .contains("provider");
    assertThat(errorFields(http.call("POST", PATH, json("{'provider': 'google', 'code': 'x'}"))))
        .containsExactly("redirectUri");
    assertThat(
            errorFields(
                http.call(
                    "POST", PATH, json("{'provider': 'outlook', 'redirectUri': 'not a url'}"))))
        .containsExactly("code", "redirectUri");
    assertThat(errorFields(http.call("POST", PATH, json("{'provider': 'ics'}"))))
        .containsExactly("url");
    assertThat(
            errorFields(
                http.call(
                    "POST",
                    PATH,
                    json("{'provider': 'ics', 'url': 'ftp://calendar.example.com/f.ics'}"))))
        .containsExactly("url");
    assertThat(
            errorFields(
                http.call(
                    "POST",
                    PATH,
                    json("{'provider': 'ics', 'url': 'http://calendar.example.com/f.ics'}"))))
        .containsExactly("url");
    assertThat(
            errorFields(
                http.call(
                    "POST",
                    PATH,
                    json("{'provider': 'ics', 'url': 'https://internal.example.com/f.ics'}"))))
        .containsExactly("url");
    assertThat(
            errorFields(
                http.call(
                    "POST",
                    PATH,
                    json("{'provider': 'ics', 'url': 'https://nowhere.example.com/f.ics'}"))))
        .containsExactly("url");
    assertThat(
            errorFields(
                http.call(
                    "POST",
                    PATH,
                    json(
                        "{'provider': 'ics', 'url': 'https://calendar.example.com/"
                            + "x".repeat(300)
                            + "'}"))))
        .containsExactly("url");
    String one = PATH + "/" + UUID.randomUUID();
    assertThat(errorFields(http.call("PATCH", one, json("{'checkConflicts': 'yes'}"))))
        .containsExactly("checkConflicts");
    assertThat(errorFields(http.call("PATCH", one, json("{}")))).containsExactly("checkConflicts");
    assertThat(errorFields(http.call("GET", PATH + "/not-a-uuid", null)))
        .containsExactly("connectionId");
    assertThat(directories.asked()).isEmpty();
    assertThat(connections.asked()).isEmpty();
  }

  @Test
  void anIcsFeedCannotBeWrittenTo() {
    connections.answer(c -> new ConnectionEntity.Found(view(UUID.randomUUID(), "https://a.b/c")));
    String one = PATH + "/" + UUID.randomUUID();
    assertThat(errorFields(http.call("PATCH", one, json("{'pushEvents': true}"))))
        .containsExactly("pushEvents");
    assertThat(connections.asked()).allMatch(a -> a.command() instanceof ConnectionEntity.Get);
  }

  @Test
  void aGoogleCodeIsExchangedAndTheConnectionKeepsOnlySealedTokens() {
    directories.answer(c -> new ConnectionDirectory.Added());
    connections.answer(
        c -> {
          var connect = (ConnectionEntity.Connect) c;
          return new ConnectionEntity.Found(
              new ConnectionEntity.ConnectionView(
                  UUID.randomUUID(),
                  connect.provider(),
                  "syncing",
                  connect.account(),
                  null,
                  Instant.EPOCH,
                  null,
                  null,
                  true,
                  false));
        });

    Answer answer =
        http.call(
            "POST",
            PATH,
            json(
                "{'provider': 'google', 'code': 'good', 'redirectUri': 'https://app.example/cb'}"));

    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    assertThat(answer.json().get("account").asText()).isEqualTo("ada@example.com");
    var connect = (ConnectionEntity.Connect) connections.asked().get(0).command();
    assertThat(connect.credentials()).isEqualTo("sealed:good");
    assertThat(connect.url()).isNull();
  }

  @Test
  void aRefusedCodeIs400NamingCodeAndConnectsNothing() {
    Answer answer =
        http.call(
            "POST",
            PATH,
            json(
                "{'provider': 'outlook', 'code': 'bad', 'redirectUri': 'https://app.example/cb'}"));
    assertThat(errorFields(answer)).containsExactly("code");
    assertThat(connections.asked()).isEmpty();
    assertThat(directories.asked()).isEmpty();
  }

  @Test
  void outlookValidationIsAnsweredWithTheDecodedTokenAsPlainText() {
    Answer answer =
        http.call("POST", "/webhook/outlook?validationToken=Validation%3A%20Testing%20client", "");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/plain");
    assertThat(answer.text()).isEqualTo("Validation: Testing client");
    assertThat(connections.asked()).isEmpty();
  }

  @Test
  void outlookNotificationsAre202AndReachTheConnectionNamedByTheirClientState() {
    UUID id = UUID.randomUUID();
    connections.answer(c -> false);
    Answer answer =
        http.call(
            "POST",
            "/webhook/outlook",
            json(
                "{'value': [{'subscriptionId': 's1', 'clientState': '"
                    + id
                    + ".secret', 'changeType': 'updated'}, {'subscriptionId': 's2',"
                    + " 'clientState': 'not ours'}]}"));
    assertThat(answer.status()).isEqualTo(202);
    assertThat(connections.asked()).hasSize(1);
    assertThat(connections.asked().get(0).entityId()).isEqualTo(id.toString());
  }

  @Test
  void aGoogleNotificationForAChannelNobodyKnowsIs404() {
    UUID id = UUID.randomUUID();
    connections.answer(c -> false);
    assertThat(
            http.call(
                    "POST",
                    "/webhook/google",
                    null,
                    "X-Goog-Channel-ID",
                    id + "_1",
                    "X-Goog-Resource-State",
                    "exists")
                .status())
        .isEqualTo(404);
    assertThat(
            http.call(
                    "POST",
                    "/webhook/google",
                    null,
                    "X-Goog-Channel-ID",
                    "not-ours",
                    "X-Goog-Resource-State",
                    "exists")
                .status())
        .isEqualTo(404);
    assertThat(connections.asked()).hasSize(1);
    connections.answer(c -> true);
    assertThat(
            http.call(
                    "POST",
                    "/webhook/google",
                    null,
                    "X-Goog-Channel-ID",
                    id + "_1",
                    "X-Goog-Channel-Token",
                    id + ".t",
                    "X-Goog-Resource-State",
                    "exists")
                .status())
        .isEqualTo(200);
  }

  /** Codes "good…" are granted, others refused as bad. */
  private static final class StubProviders implements ConnectionSync {
    @Override
    public CompletionStage<Authorization> authorize(
        String provider, String code, String redirectUri) {
      Authorization answer =
          code.startsWith("good")
              ? new Authorization.Granted("sealed:" + code, "ada@example.com")
              : new Authorization.Refused("invalid_grant", true);
      return CompletableFuture.completedFuture(answer);
    }

    @Override
    public CompletionStage<SyncOutcome> sync(SyncRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> removeBusy(UUID userId, String source) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> checkConflicts(UUID userId, String source, boolean check) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<WatchOutcome> watch(WatchRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> unwatch(String provider, String credentials, Channel channel) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<PushOutcome> push(PushRequest request) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void anotherUsersConnectionsAreForbidden() {
    Answer answer = http.call("GET", "/users/" + UUID.randomUUID() + "/connections", null);
    assertThat(answer.status()).isEqualTo(403);
  }

  @Test
  void anUnknownConnectionIs404() {
    connections.answer(c -> new ConnectionEntity.NotFound());
    assertThat(http.call("GET", PATH + "/" + UUID.randomUUID(), null).status()).isEqualTo(404);
    assertThat(http.call("DELETE", PATH + "/" + UUID.randomUUID(), null).status()).isEqualTo(404);
  }
}
