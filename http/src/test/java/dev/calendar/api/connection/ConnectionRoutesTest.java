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
import dev.calendar.connection.PollSchedule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
            new UrlChecks(ConnectionRoutesTest::resolve, Runnable::run, false));
    http = new RouteHarness();
    http.serve(new ConnectionRoutes(service, http.auth, http.idempotency).route());
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
        .containsExactly("provider");
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
    assertThat(errorFields(http.call("PATCH", one, json("{'pushEvents': true}"))))
        .containsExactly("pushEvents");
    assertThat(errorFields(http.call("GET", PATH + "/not-a-uuid", null)))
        .containsExactly("connectionId");
    assertThat(directories.asked()).isEmpty();
    assertThat(connections.asked()).isEmpty();
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
