package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.devservers.FreePorts;
import dev.calendar.devservers.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three node JVMs on the real Cassandra; bookings flow while one node is killed with SIGKILL.
 * Afterwards: every request whose answer was lost gets its one true answer on retry, no confirmed
 * booking is lost or doubled, and no hold blocks time past its expiry.
 */
class ClusterKillIT {
  private static final int NODES = 3;
  private static final int USERS = 16;
  private static final int SLOTS = 30;
  private static final Instant BASE = Instant.parse("2033-05-02T07:00:00Z");

  private final List<NodeProcess> nodes = new ArrayList<>();

  record User(String id, String token) {}

  record Request(String key, User organizer, List<User> participants, int slot, String body) {}

  /** The status and event id a request got (status -1: no answer). */
  record Outcome(int status, String eventId) {
    boolean definitive() {
      return status == 201 || status == 409;
    }
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(NodeProcess::close);
  }

  @Test
  void bookingsSurviveANodeKilledWithoutWarning() throws Exception {
    startCluster();
    Api first = new Api(nodes.get(0).httpPort());
    List<User> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      var u = first.signUp(Api.uniqueEmail("kill" + i), "password1");
      users.add(new User(u.get("id").asText(), u.get("token").asText()));
    }

    // Load: 8 clients book random meetings on all three nodes; node 2 dies a few seconds in.
    Map<Request, Outcome> outcomes = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(8);
    for (int c = 0; c < 8; c++) {
      int client = c;
      clients.submit(
          () -> {
            var random = new Random(client);
            int n = 0;
            while (running.get()) {
              Request request = randomRequest(random, users, client + "-" + n++);
              Api node = new Api(nodes.get(n % NODES).httpPort());
              outcomes.put(request, send(node, request));
            }
          });
    }
    awaitCount(outcomes, 20); // bookings flow before the kill ...
    nodes.get(2).kill();
    Instant killedAt = Instant.now();
    // ... and keep flowing while the cluster notices, downs the dead node and moves its shards.
    awaitCount(outcomes, outcomes.size() + 30);
    while (Duration.between(killedAt, Instant.now()).toSeconds() < 12) {
      awaitCount(outcomes, outcomes.size() + 1);
    }
    running.set(false);
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    long lost = outcomes.values().stream().filter(o -> !o.definitive()).count();

    // Every request retried with its key gets a definitive answer; answered ones the same one.
    Api survivor = new Api(nodes.get(0).httpPort());
    Map<Request, Outcome> settled = new HashMap<>();
    for (var entry : outcomes.entrySet()) {
      Outcome retried = retryUntilDefinitive(survivor, entry.getKey());
      if (entry.getValue().definitive()) {
        assertThat(retried).as("replay of %s", entry.getKey().key()).isEqualTo(entry.getValue());
      }
      settled.put(entry.getKey(), retried);
    }

    // Each user's calendar: exactly the confirmed meetings that include them, never overlapping.
    Map<String, Set<String>> expected = new HashMap<>();
    Map<String, List<Instant>> expectedStarts = new HashMap<>();
    for (var entry : settled.entrySet()) {
      if (entry.getValue().status() == 201) {
        Request r = entry.getKey();
        List<User> all = new ArrayList<>(r.participants());
        all.add(r.organizer());
        for (User u : all) {
          expected.computeIfAbsent(u.id(), k -> new HashSet<>()).add(entry.getValue().eventId());
          expectedStarts.computeIfAbsent(u.id(), k -> new ArrayList<>()).add(slotStart(r.slot()));
        }
      }
    }
    Instant from = BASE.minus(1, ChronoUnit.DAYS);
    Instant to = BASE.plus(SLOTS + 24, ChronoUnit.HOURS);
    for (User u : users) {
      JsonNode listed =
          survivor
              .get("/users/" + u.id() + "/events?start=" + from + "&end=" + to, u.token())
              .json()
              .get("occurrences");
      Set<String> ids = new HashSet<>(listed.findValuesAsText("eventId"));
      assertThat(ids)
          .as("calendar of %s", u.id())
          .isEqualTo(expected.getOrDefault(u.id(), Set.of()));
      List<String> starts = listed.findValuesAsText("start");
      assertThat(new HashSet<>(starts))
          .as("no double booking for %s", u.id())
          .hasSameSizeAs(starts);
    }

    // Holds left by the dead node's sagas settle by themselves: busy time becomes exactly the
    // confirmed meetings once their expiry has passed.
    for (User u : users) {
      List<String> want =
          expectedStarts.getOrDefault(u.id(), List.of()).stream()
              .sorted()
              .map(Instant::toString)
              .toList();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(busyStarts(survivor, u, from, to))
                      .as("busy time of %s", u.id())
                      .isEqualTo(want));
    }
    System.out.printf(
        "ClusterKillIT: %d requests, %d answers lost in the kill, %d booked%n",
        outcomes.size(), lost, settled.values().stream().filter(o -> o.status() == 201).count());
  }

  private static void awaitCount(Map<Request, Outcome> outcomes, int count) {
    await()
        .alias(count + " requests answered in time")
        .atMost(Duration.ofMinutes(3))
        .until(() -> outcomes.size() >= count);
  }

  private void startCluster() throws Exception {
    var cassandra = TestServers.cassandra();
    var kafka = TestServers.kafka();
    int[] pekko = new int[NODES];
    for (int i = 0; i < NODES; i++) {
      pekko[i] = FreePorts.next();
    }
    Path logs = Files.createDirectories(Path.of("target", "cluster-kill-logs"));
    for (int i = 0; i < NODES; i++) {
      Map<String, String> env = new HashMap<>();
      env.put("HTTP_PORT", Integer.toString(FreePorts.next()));
      env.put("HTTP_HOST", "127.0.0.1");
      env.put("PEKKO_PORT", Integer.toString(pekko[i]));
      env.put("SEED_NODES", TestNodes.address(pekko[0]));
      env.put("SBR_STABLE_AFTER", "3s");
      env.put("CASSANDRA_CONTACT_POINTS", cassandra.host() + ":" + cassandra.nativePort());
      env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      env.put("CASSANDRA_CREATE_SCHEMA", Boolean.toString(i == 0));
      env.put("MANAGE_LINK_KEY", TestNodes.LINK_KEY);
      NodeProcess node = NodeProcess.start(env, logs.resolve("node-" + i + ".log"));
      nodes.add(node);
      node.awaitReady(Duration.ofMinutes(2));
    }
  }

  private static Request randomRequest(Random random, List<User> users, String key) {
    List<User> shuffled = new ArrayList<>(users);
    Collections.shuffle(shuffled, random);
    User organizer = shuffled.get(0);
    List<User> participants = shuffled.subList(1, 1 + random.nextInt(3));
    int slot = random.nextInt(SLOTS);
    Instant start = slotStart(slot);
    String body =
        "{\"title\":\"k\",\"start\":\""
            + start
            + "\",\"end\":\""
            + start.plus(1, ChronoUnit.HOURS)
            + "\",\"participants\":["
            + participants.stream()
                .map(p -> "{\"userId\":\"" + p.id() + "\"}")
                .collect(Collectors.joining(","))
            + "]}";
    return new Request(key, organizer, List.copyOf(participants), slot, body);
  }

  private static Instant slotStart(int slot) {
    return BASE.plus(slot, ChronoUnit.HOURS);
  }

  private static Outcome send(Api node, Request r) {
    try {
      var response =
          node.send(
              "POST",
              "/events",
              r.body(),
              Map.of(
                  "Authorization", "Bearer " + r.organizer().token(), "Idempotency-Key", r.key()));
      String id = response.status() == 201 ? response.json().get("id").asText() : null;
      return new Outcome(response.status(), id);
    } catch (RuntimeException e) {
      return new Outcome(-1, null); // connection refused or reset: the answer is lost
    }
  }

  /** Sends again until the answer is definitive: the cluster may still be moving shards. */
  private static Outcome retryUntilDefinitive(Api node, Request r) {
    return await()
        .alias("a definitive answer to request " + r.key())
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> send(node, r), Outcome::definitive);
  }

  private static List<String> busyStarts(Api node, User u, Instant from, Instant to) {
    var r = node.get("/users/" + u.id() + "/availability?start=" + from + "&end=" + to, u.token());
    List<String> starts = new ArrayList<>();
    for (JsonNode b : r.json().get("busy")) {
      // Adjacent meetings merge in busy time: split merged blocks back into hours.
      Instant s = Instant.parse(b.get("start").asText());
      Instant e = Instant.parse(b.get("end").asText());
      for (Instant t = s; t.isBefore(e); t = t.plus(1, ChronoUnit.HOURS)) {
        starts.add(t.toString());
      }
    }
    return starts;
  }
}
