package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An idempotency key names one caller's request on one route: two users who happen to send the same
 * key (and the same body) each get their own resource, and each replay gets its own answer.
 */
class IdempotencyScopeIT {
  // Far ahead, and apart from the times other suites book.
  private static final Instant BASE =
      LocalDate.of(2033, 5, 2).atTime(9, 0).atZone(ZoneId.of("UTC")).toInstant();
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  private record User(String id, String token) {
    Map<String, String> with(String key) {
      var headers = new HashMap<String, String>();
      headers.put("Authorization", "Bearer " + token);
      headers.put("Idempotency-Key", key);
      return headers;
    }

    Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + token);
    }
  }

  private static User newUser(String name) {
    var body = api.signUp(Api.uniqueEmail(name), "password1");
    return new User(body.get("id").asText(), body.get("token").asText());
  }

  @Test
  void twoUsersWithOneKeyEachGetTheirOwnWebhook() {
    User a = newUser("scope-a");
    User b = newUser("scope-b");
    String key = "shared-" + UUID.randomUUID();
    String body = "{\"url\":\"https://127.0.0.1/same\",\"events\":[\"event.created\"]}";

    var first = api.send("POST", "/users/" + a.id() + "/webhooks", body, a.with(key));
    var second = api.send("POST", "/users/" + b.id() + "/webhooks", body, b.with(key));
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    assertThat(second.status()).as("%s", second).isEqualTo(201);
    assertThat(second.headers().firstValue("idempotent-replayed")).isEmpty();
    String aId = first.json().get("id").asText();
    String bId = second.json().get("id").asText();
    assertThat(bId).isNotEqualTo(aId);
    assertThat(second.headers().firstValue("location"))
        .contains("/users/" + b.id() + "/webhooks/" + bId);
    assertThat(second.json().get("secret").asText()).startsWith("whsec_");

    var bList = api.send("GET", "/users/" + b.id() + "/webhooks", null, b.auth());
    assertThat(bList.json().get("webhooks")).hasSize(1);
    assertThat(bList.json().get("webhooks").get(0).get("id").asText()).isEqualTo(bId);

    var aReplay = api.send("POST", "/users/" + a.id() + "/webhooks", body, a.with(key));
    var bReplay = api.send("POST", "/users/" + b.id() + "/webhooks", body, b.with(key));
    assertThat(aReplay.headers().firstValue("idempotent-replayed")).contains("true");
    assertThat(aReplay.json().get("id").asText()).isEqualTo(aId);
    assertThat(aReplay.json().get("secret")).isEqualTo(first.json().get("secret"));
    assertThat(bReplay.headers().firstValue("idempotent-replayed")).contains("true");
    assertThat(bReplay.json().get("id").asText()).isEqualTo(bId);
    assertThat(bReplay.json().get("secret")).isEqualTo(second.json().get("secret"));
    var aList = api.send("GET", "/users/" + a.id() + "/webhooks", null, a.auth());
    assertThat(aList.json().get("webhooks")).hasSize(1);
  }

  @Test
  void twoOrganizersWithOneKeyEachGetTheirOwnEvent() {
    User a = newUser("scope-a");
    User b = newUser("scope-b");
    String key = "shared-" + UUID.randomUUID();
    Instant start = BASE;
    String body =
        "{\"title\":\"Same\",\"start\":\""
            + start
            + "\",\"end\":\""
            + start.plus(30, ChronoUnit.MINUTES)
            + "\",\"timezone\":\"UTC\"}";

    var first = api.send("POST", "/events", body, a.with(key));
    var second = api.send("POST", "/events", body, b.with(key));
    assertThat(first.status()).as("%s", first).isEqualTo(201);
    assertThat(second.status()).as("%s", second).isEqualTo(201);
    String aId = first.json().get("id").asText();
    String bId = second.json().get("id").asText();
    assertThat(bId).isNotEqualTo(aId);
    assertThat(first.json().get("organizerId").asText()).isEqualTo(a.id());
    assertThat(second.json().get("organizerId").asText()).isEqualTo(b.id());
    assertThat(api.get("/events/" + bId, b.token()).status()).isEqualTo(200);
    assertThat(api.get("/events/" + aId, b.token()).status()).isEqualTo(404);

    var aReplay = api.send("POST", "/events", body, a.with(key));
    var bReplay = api.send("POST", "/events", body, b.with(key));
    assertThat(aReplay.status()).isEqualTo(201);
    assertThat(aReplay.json().get("id").asText()).isEqualTo(aId);
    assertThat(bReplay.status()).isEqualTo(201);
    assertThat(bReplay.json().get("id").asText()).isEqualTo(bId);

    // The body field names the same key as the header does.
    String fieldKey = "field-" + UUID.randomUUID();
    Instant later = start.plus(2, ChronoUnit.HOURS);
    String withField =
        "{\"idempotencyKey\":\""
            + fieldKey
            + "\",\"title\":\"Same\",\"start\":\""
            + later
            + "\",\"end\":\""
            + later.plus(30, ChronoUnit.MINUTES)
            + "\",\"timezone\":\"UTC\"}";
    var aField = api.send("POST", "/events", withField, a.auth());
    var bField = api.send("POST", "/events", withField, b.auth());
    assertThat(aField.status()).isEqualTo(201);
    assertThat(bField.status()).isEqualTo(201);
    assertThat(bField.json().get("id")).isNotEqualTo(aField.json().get("id"));
  }

  @Test
  void twoSignUpsWithOneKeyEachGetTheirOwnAccount() {
    String key = "shared-" + UUID.randomUUID();
    String aBody =
        "{\"email\":\""
            + Api.uniqueEmail("scope-a")
            + "\",\"name\":\"A\",\"password\":\"pw-a-1234\"}";
    String bBody =
        "{\"email\":\""
            + Api.uniqueEmail("scope-b")
            + "\",\"name\":\"B\",\"password\":\"pw-b-1234\"}";
    var headers = Map.of("Idempotency-Key", key);

    var a = api.send("POST", "/users", aBody, headers);
    var b = api.send("POST", "/users", bBody, headers);
    assertThat(a.status()).as("%s", a).isEqualTo(201);
    assertThat(b.status()).as("%s", b).isEqualTo(201);
    assertThat(b.json().get("id")).isNotEqualTo(a.json().get("id"));

    var aReplay = api.send("POST", "/users", aBody, headers);
    var bReplay = api.send("POST", "/users", bBody, headers);
    assertThat(aReplay.status()).isEqualTo(201);
    assertThat(aReplay.json().get("id")).isEqualTo(a.json().get("id"));
    assertThat(bReplay.status()).isEqualTo(201);
    assertThat(bReplay.json().get("id")).isEqualTo(b.json().get("id"));
    // Each replay's token opens its own account only.
    String bId = b.json().get("id").asText();
    assertThat(api.get("/users/" + bId, bReplay.json().get("token").asText()).status())
        .isEqualTo(200);
    assertThat(api.get("/users/" + bId, aReplay.json().get("token").asText()).status())
        .isEqualTo(403);
  }
}
