package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calendar.devservers.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A password change ends the account's other sessions at once, on every node of a two-node cluster;
 * the session that made the change goes on working.
 */
class SessionHygieneIT {
  private static Node a;
  private static Node b;
  private static Api apiA;
  private static Api apiB;
  private static final ExecutorService pool = Executors.newFixedThreadPool(8);

  @BeforeAll
  static void start() throws Exception {
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    String seed = TestNodes.address(portA);
    a = TestNodes.start(portA, List.of(seed));
    b = TestNodes.start(portB, List.of(seed));
    for (Node node : List.of(a, b)) {
      var cluster = Cluster.get(node.system());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                          .filter(m -> m.status() == MemberStatus.up())
                          .count()
                      == 2);
      // Sessions are cached on both nodes; a password change must reach the other's cache.
      TestNodes.awaitSessionEvictors(node, 2);
    }
    apiA = new Api(a);
    apiB = new Api(b);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    for (Node node : new Node[] {b, a}) {
      if (node != null) {
        node.close();
      }
    }
  }

  private static Api.Response changePassword(Api api, String id, String token, String password) {
    return api.send(
        "PATCH",
        "/users/" + id,
        "{\"password\":\"" + password + "\"}",
        Map.of("Authorization", "Bearer " + token));
  }

  private static String logIn(Api api, String email, String password) {
    var r = api.logIn(email, password);
    assertThat(r.status()).as("%s", r).isEqualTo(201);
    return r.json().get("token").asText();
  }

  private static int status(Api api, String id, String token) {
    return api.get(
            "/users/" + id + "/notifications?start=2031-01-01T00:00:00Z&end=2031-01-02T00:00:00Z",
            token)
        .status();
  }

  @Test
  void aPasswordChangeEndsTheOtherSessionsOnEveryNodeAndKeepsTheOneThatMadeIt() {
    String email = Api.uniqueEmail("hygiene");
    var user = apiA.signUp(email, "old-password");
    String id = user.get("id").asText();
    String fromSignUp = user.get("token").asText();
    String onB = logIn(apiB, email, "old-password");
    String onA = logIn(apiA, email, "old-password");
    for (String token : List.of(fromSignUp, onB, onA)) {
      assertThat(status(apiA, id, token)).isEqualTo(200);
      assertThat(status(apiB, id, token)).isEqualTo(200);
    }

    var changed = changePassword(apiB, id, onB, "new-password");
    assertThat(changed.status()).as("%s", changed).isEqualTo(200);

    for (String ended : List.of(fromSignUp, onA)) {
      assertThat(status(apiA, id, ended)).isEqualTo(401);
      assertThat(status(apiB, id, ended)).isEqualTo(401);
    }
    assertThat(status(apiA, id, onB)).isEqualTo(200);
    assertThat(status(apiB, id, onB)).isEqualTo(200);
    assertThat(apiA.logIn(email, "old-password").status()).isEqualTo(401);
    String fresh = logIn(apiB, email, "new-password");
    assertThat(status(apiA, id, fresh)).isEqualTo(200);
  }

  @Test
  void aChangeWithoutAPasswordEndsNoSession() {
    String email = Api.uniqueEmail("hygiene-name");
    var user = apiA.signUp(email, "password-1");
    String id = user.get("id").asText();
    String other = logIn(apiB, email, "password-1");
    var renamed =
        apiA.send(
            "PATCH",
            "/users/" + id,
            "{\"name\":\"Renamed\"}",
            Map.of("Authorization", "Bearer " + user.get("token").asText()));
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(status(apiB, id, other)).isEqualTo(200);
  }

  @Test
  void noLogInWithTheOldPasswordOutlivesTheChangeEvenWhileRacingIt() throws Exception {
    String email = Api.uniqueEmail("hygiene-race");
    var user = apiA.signUp(email, "old-password");
    String id = user.get("id").asText();
    String keeper = logIn(apiA, email, "old-password");

    // Log-ins with the old password keep arriving on both nodes while the password changes.
    var stop = new AtomicBoolean();
    var tokens = new ConcurrentLinkedQueue<String>();
    List<CompletableFuture<Void>> loggers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Api api = i % 2 == 0 ? apiA : apiB;
      loggers.add(
          CompletableFuture.runAsync(
              () -> {
                while (!stop.get()) {
                  var r = api.logIn(email, "old-password");
                  if (r.status() == 201) {
                    tokens.add(r.json().get("token").asText());
                  } else {
                    assertThat(r.status()).as("%s", r).isEqualTo(401);
                  }
                }
              },
              pool));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> tokens.size() >= 4);
    var changed = changePassword(apiB, id, keeper, "new-password");
    assertThat(changed.status()).as("%s", changed).isEqualTo(200);
    // Let the log-ins run on past the change until one of them has been refused.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> apiA.logIn(email, "old-password").status() == 401);
    stop.set(true);
    CompletableFuture.allOf(loggers.toArray(CompletableFuture[]::new)).join();

    assertThat(tokens).isNotEmpty();
    for (String token : tokens) {
      assertThat(status(apiA, id, token)).as("a token of the old password").isEqualTo(401);
    }
    assertThat(status(apiB, id, keeper)).isEqualTo(200);
  }

  @Test
  void aSignUpReplayedAfterAPasswordChangeGetsNoSession() {
    String email = Api.uniqueEmail("hygiene-replay");
    String body = "{\"email\":\"" + email + "\",\"name\":\"R\",\"password\":\"old-password\"}";
    var key = Map.of("Idempotency-Key", "replay-" + email);
    var first = apiA.send("POST", "/users", body, key);
    assertThat(first.status()).isEqualTo(201);
    String id = first.json().get("id").asText();
    String token = first.json().get("token").asText();
    assertThat(changePassword(apiA, id, token, "new-password").status()).isEqualTo(200);

    var replay = apiB.send("POST", "/users", body, key);
    assertThat(replay.status()).as("%s", replay).isEqualTo(401);
    assertThat(replay.contentType()).isEqualTo("application/problem+json");
    assertThat(replay.text()).doesNotContain("\"token\"");
    assertThat(status(apiA, id, token)).isEqualTo(200);
  }
}
