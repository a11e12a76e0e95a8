package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Users and sessions end to end over HTTP, on a node backed by the real Cassandra and Kafka. */
class UserApiIT {
  private static Api api;
  private static final ExecutorService pool = Executors.newFixedThreadPool(50);

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  @Test
  void signUpThenLogInAndReadOwnProfile() {
    String email = Api.uniqueEmail("ada");
    var created = api.signUp(email.toUpperCase(), "correct horse");
    String id = created.get("id").asText();
    assertThat(created.get("email").asText()).isEqualTo(email);
    assertThat(created.get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(created.get("token").asText()).isNotBlank();
    assertThat(created.get("createdAt").asText()).endsWith("Z");

    var login = api.logIn(email, "correct horse");
    assertThat(login.status()).isEqualTo(201);
    assertThat(login.json().get("userId").asText()).isEqualTo(id);
    assertThat(login.json().get("expiresAt").asText()).endsWith("Z");

    var profile = api.get("/users/" + id, login.json().get("token").asText());
    assertThat(profile.status()).isEqualTo(200);
    assertThat(profile.json().get("name").asText()).isEqualTo("Test User");
    assertThat(profile.json().has("password")).isFalse();
    assertThat(profile.text()).doesNotContain("argon2");
  }

  @Test
  void takenEmailInAnyCaseIs409() {
    String email = Api.uniqueEmail("bob");
    api.signUp(email, "password1");
    var again =
        api.post(
            "/users",
            "{\"email\":\""
                + email.toUpperCase()
                + "\",\"name\":\"B\",\"password\":\"password2\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void concurrentSignUpsWithOneEmailCreateExactlyOneAccount() throws Exception {
    String email = Api.uniqueEmail("race");
    int n = 30;
    var ready = new CountDownLatch(n);
    var go = new CountDownLatch(1);
    List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Same address in different cases: uniqueness is case-insensitive.
      String variant = i % 2 == 0 ? email : email.toUpperCase();
      String password = "password-" + i;
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                ready.countDown();
                await(go);
                return api.post(
                    "/users",
                    "{\"email\":\""
                        + variant
                        + "\",\"name\":\"R\",\"password\":\""
                        + password
                        + "\"}");
              },
              pool));
    }
    ready.await();
    go.countDown();
    var statuses =
        calls.stream()
            .map(CompletableFuture::join)
            .collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
    assertThat(statuses).isEqualTo(Map.of(201, 1L, 409, (long) n - 1));

    // Exactly one password works, and it logs into the one account.
    var winners =
        java.util.stream.IntStream.range(0, n)
            .mapToObj(i -> api.logIn(email, "password-" + i))
            .filter(r -> r.status() == 201)
            .toList();
    assertThat(winners).hasSize(1);
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
    String email = Api.uniqueEmail("eve");
    api.signUp(email, "the-password");
    var wrongPassword = api.logIn(email, "not-the-password");
    var unknownEmail = api.logIn(Api.uniqueEmail("nobody"), "the-password");
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(wrongPassword.text()).isEqualTo(unknownEmail.text());
  }

  @Test
  void logoutRevokesTheTokenAtOnce() {
    String email = Api.uniqueEmail("out");
    var user = api.signUp(email, "password1");
    String token = user.get("token").asText();
    String id = user.get("id").asText();
    assertThat(api.get("/users/" + id, token).status()).isEqualTo(200);

    var logout =
        api.send("DELETE", "/sessions/current", null, Map.of("Authorization", "Bearer " + token));
    assertThat(logout.status()).isEqualTo(204);
    assertThat(api.get("/users/" + id, token).status()).isEqualTo(401);
  }

  @Test
  void patchChangesProfileAndPassword() {
    String email = Api.uniqueEmail("patch");
    var user = api.signUp(email, "old-password");
    String auth = "Bearer " + user.get("token").asText();
    String id = user.get("id").asText();
    var patched =
        api.send(
            "PATCH",
            "/users/" + id,
            "{\"name\":\"Ada Lovelace\",\"timezone\":\"America/New_York\",\"phone\":\"+4915112345678\","
                + "\"defaultReminders\":[{\"offset\":\"PT10M\",\"channel\":\"email\"}],"
                + "\"pushTokens\":[\"device-1\"],\"password\":\"new-password\"}",
            Map.of("Authorization", auth));
    assertThat(patched.status()).isEqualTo(200);
    var p = patched.json();
    assertThat(p.get("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(p.get("timezone").asText()).isEqualTo("America/New_York");
    assertThat(p.get("phone").asText()).isEqualTo("+4915112345678");
    assertThat(p.get("defaultReminders").get(0).get("offset").asText()).isEqualTo("PT10M");
    assertThat(p.get("defaultReminders").get(0).get("channel").asText()).isEqualTo("email");
    assertThat(p.get("pushTokens").get(0).asText()).isEqualTo("device-1");

    assertThat(api.logIn(email, "old-password").status()).isEqualTo(401);
    assertThat(api.logIn(email, "new-password").status()).isEqualTo(201);

    var cleared =
        api.send("PATCH", "/users/" + id, "{\"phone\":null}", Map.of("Authorization", auth));
    assertThat(cleared.json().get("phone").isNull()).isTrue();
    assertThat(cleared.json().get("name").asText()).isEqualTo("Ada Lovelace");
  }

  @Test
  void idempotentSignUpReplaysTheOriginalAnswerWithAFreshToken() {
    String email = Api.uniqueEmail("idem");
    String body = "{\"email\":\"" + email + "\",\"name\":\"I\",\"password\":\"password1\"}";
    var key = Map.of("Idempotency-Key", "signup-" + email);
    var first = api.send("POST", "/users", body, key);
    var replay = api.send("POST", "/users", body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(replay.json().get("createdAt")).isEqualTo(first.json().get("createdAt"));
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    // Tokens are never stored for replays: each answer carries a working token of its own.
    assertThat(replay.json().get("token")).isNotEqualTo(first.json().get("token"));
    String id = first.json().get("id").asText();
    assertThat(api.get("/users/" + id, replay.json().get("token").asText()).status())
        .isEqualTo(200);

    var otherBody =
        api.send(
            "POST",
            "/users",
            "{\"email\":\"" + email + "\",\"name\":\"Changed\",\"password\":\"password1\"}",
            key);
    assertThat(otherBody.status()).isEqualTo(422);
  }

  @Test
  void concurrentReplaysOfOneKeyAllGetTheSameAccount() throws Exception {
    String email = Api.uniqueEmail("idem-race");
    String body = "{\"email\":\"" + email + "\",\"name\":\"I\",\"password\":\"password1\"}";
    var key = Map.of("Idempotency-Key", "race-" + email);
    int n = 10;
    var go = new CountDownLatch(1);
    List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                await(go);
                return api.send("POST", "/users", body, key);
              },
              pool));
    }
    go.countDown();
    var responses = calls.stream().map(CompletableFuture::join).toList();
    assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
    assertThat(responses.stream().map(r -> r.json().get("id").asText()).distinct()).hasSize(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
