package dev.calendar.app;

import static dev.calendar.app.BusyDay.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.app.BusyDay.User;
import dev.calendar.devservers.FreePorts;
import dev.calendar.devservers.TestServers;
import dev.calendar.devservers.google.GoogleCalendarServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node killed (SIGKILL) while it reads a Google calendar: started again, its connection resumes
 * by itself from the cursor it had written down (here one the provider no longer takes, so the read
 * after the restart is a full one), and the busy time then equals the provider's events, none
 * doubled, none lost.
 */
class TwoWayCrashIT {
  private static final int EVENTS = 300;

  private final List<NodeProcess> nodes = new ArrayList<>();
  private GoogleCalendarServer google;

  @AfterEach
  void stop() {
    nodes.forEach(NodeProcess::close);
    if (google != null) {
      google.close();
    }
  }

  @Test
  void aSyncCutByAKillResumesFromItsCursorAndDoublesNothing() throws Exception {
    google = GoogleCalendarServer.start("127.0.0.1", 0);
    var admin = new ProviderAdmin(google.url());
    Map<String, String> env = env(google);
    Path log = Files.createDirectories(Path.of("target", "two-way-crash-logs")).resolve("node.log");
    NodeProcess node = start(env, log);
    Api api = new Api(node.httpPort());

    User user = BusyDay.user(api, "crash");
    String account = "crash-" + System.nanoTime() + "@example.com";
    String code = admin.code(account, TwoWayNode.REDIRECT);
    var created =
        api.send(
            "POST",
            "/users/" + user.id() + "/connections",
            "{\"provider\":\"google\",\"code\":\""
                + code
                + "\",\"redirectUri\":\""
                + TwoWayNode.REDIRECT
                + "\"}",
            user.auth());
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String connection = created.json().get("id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "active"
                    .equals(
                        api.get("/users/" + user.id() + "/connections/" + connection, user.token())
                            .json()
                            .get("status")
                            .asText()));

    // 300 one-minute events, a minute apart, from 00:00 on the day: 300 busy spans.
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      Instant start = berlin("00:00").plus(Duration.ofMinutes(2L * i));
      Instant end = start.plus(Duration.ofMinutes(1));
      admin.createEvent(
          account,
          "{\"summary\":\"e"
              + i
              + "\",\"start\":{\"dateTime\":\""
              + start
              + "\"},\"end\":{\"dateTime\":\""
              + end
              + "\"}}");
      expected.add(start + "/" + end);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(BusyDay.busy(api, user)).hasSize(EVENTS));

    // The next read must start over (a full listing of two pages), and the provider is slow: the
    // node is killed while it reads.
    admin.invalidateCursors(account);
    admin.fault(
        "{\"method\":\"GET\",\"pathContains\":\"/calendars/primary/events\",\"delayMs\":3000,"
            + "\"times\":3}");
    int notified = admin.notifications().size();
    Instant last = berlin("00:00").plus(Duration.ofMinutes(2L * EVENTS));
    admin.createEvent(
        account,
        "{\"summary\":\"last\",\"start\":{\"dateTime\":\""
            + last
            + "\"},\"end\":{\"dateTime\":\""
            + last.plus(Duration.ofMinutes(1))
            + "\"}}");
    expected.add(last + "/" + last.plus(Duration.ofMinutes(1)));
    await()
        .alias("the node took the notification and started reading")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                admin.notifications().stream()
                    .skip(notified)
                    .anyMatch(n -> n.path("status").asInt() == 200));
    node.kill();
    int requestsBeforeRestart = admin.requests().size();
    admin.clearFaults();

    NodeProcess restarted = start(env, log);
    Api again = new Api(restarted.httpPort());
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(BusyDay.busy(again, user)).isEqualTo(expected));

    List<JsonNode> after = admin.requests().subList(requestsBeforeRestart, admin.requests().size());
    JsonNode firstRead =
        after.stream()
            .filter(r -> r.get("path").asText().endsWith("/calendars/primary/events"))
            .filter(r -> "GET".equals(r.get("method").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(firstRead.path("query").asText())
        .as("the restarted node read on from the cursor it had written down")
        .contains("syncToken");
    assertThat(firstRead.path("status").asInt())
        .as("which the provider no longer took")
        .isEqualTo(410);
  }

  private NodeProcess start(Map<String, String> env, Path log) throws Exception {
    NodeProcess node = NodeProcess.start(env, log);
    nodes.add(node);
    node.awaitReady(Duration.ofMinutes(2));
    return node;
  }

  private static Map<String, String> env(GoogleCalendarServer google) {
    var cassandra = TestServers.cassandra();
    var kafka = TestServers.kafka();
    int pekko = FreePorts.next();
    int http = FreePorts.next();
    Map<String, String> env = new HashMap<>();
    env.put("HTTP_PORT", Integer.toString(http));
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + http);
    env.put("PEKKO_PORT", Integer.toString(pekko));
    env.put("SEED_NODES", TestNodes.address(pekko));
    env.put("CASSANDRA_CONTACT_POINTS", cassandra.host() + ":" + cassandra.nativePort());
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("CASSANDRA_CREATE_SCHEMA", "true");
    env.put("MANAGE_LINK_KEY", TestNodes.LINK_KEY);
    env.put("CALENDAR_DEV_MODE", "true");
    // A cluster of its own needs keyspaces of its own (see TwoWayNode).
    var keyspaces = TwoWayNode.isolatedKeyspaces();
    env.put("CASSANDRA_KEYSPACE", (String) keyspaces.get("calendar.cassandra.keyspace"));
    env.put(
        "CASSANDRA_JOURNAL_KEYSPACE",
        (String) keyspaces.get("pekko.persistence.cassandra.journal.keyspace"));
    env.put(
        "CASSANDRA_SNAPSHOT_KEYSPACE",
        (String) keyspaces.get("pekko.persistence.cassandra.snapshot.keyspace"));
    env.put("CALENDAR_TOKEN_KEY", DevSecrets.newKey());
    env.put("GOOGLE_API_BASE_URL", google.url() + "/calendar/v3");
    env.put("GOOGLE_TOKEN_URL", google.url() + "/token");
    env.put("GOOGLE_CLIENT_ID", GoogleCalendarServer.DEFAULT_CLIENT_ID);
    env.put("GOOGLE_CLIENT_SECRET", GoogleCalendarServer.DEFAULT_CLIENT_SECRET);
    return env;
  }
}
