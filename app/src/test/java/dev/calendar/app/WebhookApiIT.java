package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhook subscriptions over HTTP, on a dev-mode node (loopback URLs allowed). */
class WebhookApiIT {
  private static final String GIVEN_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  private record User(String id, String token) {
    Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + token);
    }

    String webhooks() {
      return "/users/" + id + "/webhooks";
    }
  }

  private static User newUser() {
    var body = api.signUp(Api.uniqueEmail("hooks"), "password1");
    return new User(body.get("id").asText(), body.get("token").asText());
  }

  private static Api.Response create(User user, String body) {
    return api.send("POST", user.webhooks(), body, user.auth());
  }

  private static List<String> badFields(Api.Response r) {
    assertThat(r.status()).as("%s", r).isEqualTo(400);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    List<String> fields = new ArrayList<>();
    r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  @Test
  void createsWithAGeneratedSecretShownOnlyOnce() {
    var user = newUser();
    var created =
        create(user, "{\"url\":\"https://127.0.0.1:9/hook\",\"events\":[\"event.created\"]}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode json = created.json();
    String id = json.get("id").asText();
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(created.headers().firstValue("location")).contains(user.webhooks() + "/" + id);
    assertThat(json.get("url").asText()).isEqualTo("https://127.0.0.1:9/hook");
    assertThat(json.get("events").get(0).asText()).isEqualTo("event.created");
    assertThat(json.get("createdAt").asText()).endsWith("Z");
    String secret = json.get("secret").asText();
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6)).length).isBetween(24, 64);

    var list = api.send("GET", user.webhooks(), null, user.auth());
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("webhooks")).hasSize(1);
    assertThat(list.json().get("webhooks").get(0).get("id").asText()).isEqualTo(id);
    assertThat(list.json().get("webhooks").get(0).has("secret")).isFalse();
    assertThat(list.text()).doesNotContain("whsec_");
  }

  @Test
  void keepsAGivenSecretAndAllowsPlainHttpToLoopbackInDevMode() {
    var user = newUser();
    var created =
        create(
            user,
            "{\"url\":\"http://localhost:9/hook\",\"events\":[\"reminder.due\",\"event.updated\"],"
                + "\"secret\":\""
                + GIVEN_SECRET
                + "\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().get("secret").asText()).isEqualTo(GIVEN_SECRET);
    assertThat(created.json().get("events")).hasSize(2);
  }

  @Test
  void deletesOwnWebhookAndAnUnknownOneIs404() {
    var user = newUser();
    String keep =
        create(user, "{\"url\":\"https://127.0.0.1/a\",\"events\":[\"event.created\"]}")
            .json()
            .get("id")
            .asText();
    String drop =
        create(user, "{\"url\":\"https://127.0.0.1/b\",\"events\":[\"event.cancelled\"]}")
            .json()
            .get("id")
            .asText();

    var deleted = api.send("DELETE", user.webhooks() + "/" + drop, null, user.auth());
    assertThat(deleted.status()).isEqualTo(204);
    var again = api.send("DELETE", user.webhooks() + "/" + drop, null, user.auth());
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.contentType()).isEqualTo("application/problem+json");

    var list = api.send("GET", user.webhooks(), null, user.auth()).json().get("webhooks");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("id").asText()).isEqualTo(keep);
  }

  @Test
  void anotherUsersWebhooksAre403() {
    var owner = newUser();
    var other = newUser();
    String id =
        create(owner, "{\"url\":\"https://127.0.0.1/a\",\"events\":[\"event.created\"]}")
            .json()
            .get("id")
            .asText();
    assertThat(api.send("GET", owner.webhooks(), null, other.auth()).status()).isEqualTo(403);
    assertThat(
            api.send(
                    "POST",
                    owner.webhooks(),
                    "{\"url\":\"https://127.0.0.1/x\",\"events\":[\"event.created\"]}",
                    other.auth())
                .status())
        .isEqualTo(403);
    assertThat(api.send("DELETE", owner.webhooks() + "/" + id, null, other.auth()).status())
        .isEqualTo(403);
    assertThat(api.send("GET", owner.webhooks(), null, Map.of()).status()).isEqualTo(401);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyGetsTheSameWebhookAndSecret() {
    var user = newUser();
    var headers = new java.util.HashMap<>(user.auth());
    headers.put("Idempotency-Key", UUID.randomUUID().toString());
    String body = "{\"url\":\"https://127.0.0.1/once\",\"events\":[\"event.created\"]}";
    var first = api.send("POST", user.webhooks(), body, headers);
    var replay = api.send("POST", user.webhooks(), body, headers);
    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.headers().firstValue("idempotent-replayed")).contains("true");
    assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(replay.json().get("secret").asText())
        .isEqualTo(first.json().get("secret").asText())
        .startsWith("whsec_");
    assertThat(api.send("GET", user.webhooks(), null, user.auth()).json().get("webhooks"))
        .hasSize(1);
  }

  @Test
  void refusesPlainHttpToANonLoopbackHostEvenInDevMode() {
    var user = newUser();
    var r = create(user, "{\"url\":\"http://example.com/hook\",\"events\":[\"event.created\"]}");
    assertThat(badFields(r)).containsExactly("url");
  }

  @Test
  void refusesAPrivateAddressEvenInDevMode() {
    var user = newUser();
    var r = create(user, "{\"url\":\"https://10.0.0.1/hook\",\"events\":[\"event.created\"]}");
    assertThat(badFields(r)).containsExactly("url");
  }

  @Test
  void refusesUnknownOrMissingEventTypes() {
    var user = newUser();
    assertThat(
            badFields(
                create(user, "{\"url\":\"https://127.0.0.1/h\",\"events\":[\"event.deleted\"]}")))
        .containsExactly("events");
    assertThat(badFields(create(user, "{\"url\":\"https://127.0.0.1/h\",\"events\":[]}")))
        .containsExactly("events");
    assertThat(badFields(create(user, "{\"url\":\"https://127.0.0.1/h\"}")))
        .containsExactly("events");
  }

  @Test
  void listsEveryBadFieldAtOnce() {
    var user = newUser();
    var r =
        create(
            user,
            "{\"url\":\"ftp://127.0.0.1/h\",\"events\":[\"nope\"],\"secret\":\"whsec_short\"}");
    assertThat(badFields(r)).containsExactlyInAnyOrder("url", "events", "secret");
    String tooLong = "https://127.0.0.1/" + "a".repeat(2048);
    assertThat(
            badFields(create(user, "{\"url\":\"" + tooLong + "\",\"events\":[\"event.created\"]}")))
        .containsExactly("url");
    assertThat(badFields(api.send("DELETE", user.webhooks() + "/not-a-uuid", null, user.auth())))
        .containsExactly("webhookId");
  }
}
