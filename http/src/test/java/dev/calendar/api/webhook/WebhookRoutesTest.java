package dev.calendar.api.webhook;

import static dev.calendar.api.RouteHarness.CALLER;
import static dev.calendar.api.RouteHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.CannedEntity;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.webhook.WebhookRegistry;
import dev.calendar.webhook.WebhookSettings;
import dev.calendar.webhook.WebhookSignature;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /users/{id}/webhooks} over a webhook service whose registries give canned replies. */
class WebhookRoutesTest {
  private static final Instant NOW = Instant.parse("2027-02-01T12:00:00Z");
  private static final String SECRET = WebhookSignature.generateSecret(new SecureRandom());
  private static final String BODY =
      json("{'url': 'https://hooks.example.com/in', 'events': ['event.created']}");
  private static final String PATH = "/users/" + CALLER + "/webhooks";

  private static final CannedEntity<WebhookRegistry.Command> registries = new CannedEntity<>();
  private static RouteHarness http;

  @BeforeAll
  static void start() {
    var service =
        new WebhookService(
            registries,
            new WebhookSettings(5, 100, false),
            Runnable::run,
            Clock.fixed(NOW, ZoneOffset.UTC),
            WebhookRoutesTest::resolve);
    http = new RouteHarness();
    http.serve(new WebhookRoutes(service, http.auth, http.idempotency).route());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @BeforeEach
  void forget() {
    registries.reset();
  }

  private static List<InetAddress> resolve(String host) {
    try {
      return switch (host) {
        case "hooks.example.com" ->
            List.of(InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 216, 34}));
        case "internal.example.com" -> List.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}));
        default -> List.of();
      };
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Subscribes what it is given and keeps the secret, as the registry does. */
  private static Object registry(WebhookRegistry.Command command) {
    if (command instanceof WebhookRegistry.Subscribe s) {
      var w = s.webhook();
      return new WebhookRegistry.Subscribed(
          new WebhookRegistry.Subscription(w.id(), w.url(), w.events(), w.createdAt()));
    }
    if (command instanceof WebhookRegistry.GetSecret) {
      return new WebhookRegistry.Secret(SECRET);
    }
    throw new AssertionError("unexpected " + command);
  }

  private static void assertProblem(Answer answer, int status) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("status").asInt()).isEqualTo(status);
  }

  private static List<String> errorFields(Answer answer) {
    return answer.json().get("errors").findValues("field").stream().map(JsonNode::asText).toList();
  }

  @Test
  void createAnswers201WithTheSecretOnce() {
    registries.answer(WebhookRoutesTest::registry);

    Answer answer =
        http.call(
            "POST",
            PATH,
            json(
                "{'url': 'https://hooks.example.com/in', 'events': ['event.created', 'event.created'], 'secret': '"
                    + SECRET
                    + "'}"));

    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    JsonNode body = answer.json();
    UUID id = UUID.fromString(body.get("id").asText());
    assertThat(answer.header("Location")).contains(PATH + "/" + id);
    assertThat(body.get("url").asText()).isEqualTo("https://hooks.example.com/in");
    assertThat(body.get("events")).hasSize(1);
    assertThat(body.get("events").get(0).asText()).isEqualTo("event.created");
    assertThat(body.get("secret").asText()).isEqualTo(SECRET);
    assertThat(body.get("createdAt").asText()).isEqualTo("2027-02-01T12:00:00Z");

    var subscribe = (WebhookRegistry.Subscribe) registries.asked().get(0).command();
    assertThat(registries.asked().get(0).entityId()).isEqualTo(CALLER.toString());
    assertThat(subscribe.webhook().secret()).isEqualTo(SECRET);
    assertThat(subscribe.webhook().events()).containsExactly("event.created");
  }

  @Test
  void aRetryWithTheKeyIsReplayedWithTheSecret() {
    registries.answer(WebhookRoutesTest::registry);

    Answer first = http.call("POST", PATH, BODY, "Idempotency-Key", "w-1");
    Answer again = http.call("POST", PATH, BODY, "Idempotency-Key", "w-1");

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(again.json().get("secret").asText()).isEqualTo(SECRET);
    assertThat(registries.asked())
        .extracting(a -> a.command().getClass().getSimpleName())
        .containsExactly("Subscribe", "GetSecret", "GetSecret");
  }

  @Test
  void aKeyWithAnotherBodyIs422() {
    registries.answer(WebhookRoutesTest::registry);

    http.call("POST", PATH, BODY, "Idempotency-Key", "w-2");
    Answer answer =
        http.call(
            "POST",
            PATH,
            json("{'url': 'https://hooks.example.com/other', 'events': ['event.created']}"),
            "Idempotency-Key",
            "w-2");

    assertProblem(answer, 422);
  }

  @Test
  void theLimitIs409() {
    registries.reply(new WebhookRegistry.LimitReached(5));

    Answer answer = http.call("POST", PATH, BODY);

    assertProblem(answer, 409);
    assertThat(answer.json().get("detail").asText()).isEqualTo("at most 5 webhooks per user");
  }

  @Test
  void aBadBodyIs400NamingEveryField() {
    Answer answer =
        http.call(
            "POST",
            PATH,
            json(
                "{'url': 'ftp://hooks.example.com', 'events': ['event.created', 'event.exploded'], 'secret': 'plain'}"));

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("url", "events", "secret");
    assertThat(registries.asked()).isEmpty();
  }

  @Test
  void eventsAreRequiredAndNotEmpty() {
    Answer missing = http.call("POST", PATH, json("{'url': 'https://hooks.example.com/in'}"));
    assertProblem(missing, 400);
    assertThat(errorFields(missing)).containsExactly("events");

    Answer empty =
        http.call("POST", PATH, json("{'url': 'https://hooks.example.com/in', 'events': []}"));
    assertProblem(empty, 400);
    assertThat(errorFields(empty)).containsExactly("events");
  }

  @Test
  void aUrlThatIsNotPublicIs400OnUrl() {
    Answer privateHost =
        http.call(
            "POST",
            PATH,
            json("{'url': 'https://internal.example.com/in', 'events': ['event.created']}"));
    assertProblem(privateHost, 400);
    assertThat(errorFields(privateHost)).containsExactly("url");
    assertThat(privateHost.json().get("errors").get(0).get("message").asText())
        .startsWith("must resolve to public addresses only");

    Answer unknownHost =
        http.call("POST", PATH, json("{'url': 'https://nowhere.example/in', 'events': [1]}"));
    assertProblem(unknownHost, 400);
    assertThat(errorFields(unknownHost)).containsExactly("events[0]", "url");
    assertThat(registries.asked()).isEmpty();
  }

  @Test
  void onlyOnesOwnWebhooks() {
    String other = "/users/" + UUID.randomUUID() + "/webhooks";

    assertProblem(http.call("POST", other, BODY), 403);
    assertProblem(http.call("GET", other, null), 403);
    assertProblem(http.call("DELETE", other + "/" + UUID.randomUUID(), null), 403);
    assertThat(registries.asked()).isEmpty();
  }

  @Test
  void listShowsSubscriptionsWithoutSecrets() {
    var s =
        new WebhookRegistry.Subscription(
            UUID.randomUUID(), "https://hooks.example.com/in", List.of("reminder.due"), NOW);
    registries.reply(new WebhookRegistry.Subscriptions(List.of(s)));

    Answer answer = http.call("GET", PATH, null);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode hooks = answer.json().get("webhooks");
    assertThat(hooks).hasSize(1);
    assertThat(hooks.get(0).get("id").asText()).isEqualTo(s.id().toString());
    assertThat(hooks.get(0).has("secret")).isFalse();
  }

  @Test
  void deleteIs204Or404() {
    UUID id = UUID.randomUUID();
    registries.reply(new WebhookRegistry.Unsubscribed());
    Answer removed = http.call("DELETE", PATH + "/" + id, null);
    assertThat(removed.status()).isEqualTo(204);
    assertThat(((WebhookRegistry.Unsubscribe) registries.lastCommand()).webhookId()).isEqualTo(id);

    registries.reply(new WebhookRegistry.UnknownWebhook());
    Answer unknown = http.call("DELETE", PATH + "/" + id, null);
    assertProblem(unknown, 404);
    assertThat(unknown.json().get("detail").asText()).isEqualTo("no such webhook");
  }

  @Test
  void aBadWebhookIdIs400NamingIt() {
    Answer answer = http.call("DELETE", PATH + "/nope", null);

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("webhookId");
  }

  @Test
  void withoutATokenIs401() {
    assertProblem(http.anonymous("GET", PATH, null), 401);
  }
}
