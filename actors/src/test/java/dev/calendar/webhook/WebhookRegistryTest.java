package dev.calendar.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.testing.EntityTestConfig;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookRegistryTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final Instant T0 = Instant.parse("2027-03-01T09:00:00Z");
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final int LIMIT = 3;

  private EventSourcedBehaviorTestKit<
          WebhookRegistry.Command, WebhookRegistry.Event, WebhookRegistry.State>
      kit;

  @BeforeEach
  void setUp() {
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), WebhookRegistry.create(UUID.randomUUID(), LIMIT));
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private static WebhookRegistry.Webhook webhook(UUID id) {
    return new WebhookRegistry.Webhook(
        id, "https://hooks.example.com/" + id, List.of("event.created"), SECRET, T0);
  }

  private WebhookRegistry.SubscribeResult subscribe(WebhookRegistry.Webhook webhook) {
    return kit.<WebhookRegistry.SubscribeResult>runCommand(
            r -> new WebhookRegistry.Subscribe(webhook, r))
        .reply();
  }

  private List<WebhookRegistry.Subscription> list() {
    return kit.<WebhookRegistry.Subscriptions>runCommand(WebhookRegistry.ListSubscriptions::new)
        .reply()
        .subscriptions();
  }

  @Test
  void subscribesAndListsWithoutTheSecret() {
    var hook = webhook(UUID.randomUUID());
    var result = subscribe(hook);
    assertThat(result).isEqualTo(new WebhookRegistry.Subscribed(hook.withoutSecret()));
    assertThat(list()).containsExactly(hook.withoutSecret());
    assertThat(kit.getState().webhooks()).containsExactly(hook);
  }

  @Test
  void keepsTheSecretForSigningOnly() {
    var hook = webhook(UUID.randomUUID());
    subscribe(hook);
    assertThat(
            kit.<WebhookRegistry.Secret>runCommand(r -> new WebhookRegistry.GetSecret(hook.id(), r))
                .reply()
                .secret())
        .isEqualTo(SECRET);
    assertThat(
            kit.<WebhookRegistry.Secret>runCommand(
                    r -> new WebhookRegistry.GetSecret(UUID.randomUUID(), r))
                .reply()
                .secret())
        .isNull();
  }

  @Test
  void aRetriedSubscriptionWithTheSameIdPersistsNothingAndAnswersTheFirst() {
    var hook = webhook(UUID.randomUUID());
    subscribe(hook);
    var retry =
        new WebhookRegistry.Webhook(
            hook.id(), "https://other.example.com/", List.of("reminder.due"), SECRET, T0);
    var result =
        kit.<WebhookRegistry.SubscribeResult>runCommand(
            r -> new WebhookRegistry.Subscribe(retry, r));
    assertThat(result.events()).isEmpty();
    assertThat(result.reply()).isEqualTo(new WebhookRegistry.Subscribed(hook.withoutSecret()));
  }

  @Test
  void refusesMoreThanTheLimit() {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(subscribe(webhook(UUID.randomUUID())))
          .isInstanceOf(WebhookRegistry.Subscribed.class);
    }
    var over =
        kit.<WebhookRegistry.SubscribeResult>runCommand(
            r -> new WebhookRegistry.Subscribe(webhook(UUID.randomUUID()), r));
    assertThat(over.events()).isEmpty();
    assertThat(over.reply()).isEqualTo(new WebhookRegistry.LimitReached(LIMIT));
    assertThat(list()).hasSize(LIMIT);
  }

  @Test
  void unsubscribingFreesASlotAndAnUnknownIdIsReported() {
    var hook = webhook(UUID.randomUUID());
    subscribe(hook);
    var removed =
        kit.<WebhookRegistry.UnsubscribeResult>runCommand(
            r -> new WebhookRegistry.Unsubscribe(hook.id(), r));
    assertThat(removed.reply()).isEqualTo(new WebhookRegistry.Unsubscribed());
    assertThat(removed.events()).containsExactly(new WebhookRegistry.WebhookRemoved(hook.id()));
    assertThat(list()).isEmpty();

    var again =
        kit.<WebhookRegistry.UnsubscribeResult>runCommand(
            r -> new WebhookRegistry.Unsubscribe(hook.id(), r));
    assertThat(again.reply()).isEqualTo(new WebhookRegistry.UnknownWebhook());
    assertThat(again.events()).isEmpty();
  }

  @Test
  void subscriptionsSurviveARestart() {
    var first = webhook(UUID.randomUUID());
    var second = webhook(UUID.randomUUID());
    subscribe(first);
    subscribe(second);
    kit.<WebhookRegistry.UnsubscribeResult>runCommand(
        r -> new WebhookRegistry.Unsubscribe(first.id(), r));
    kit.restart();
    assertThat(list()).containsExactly(second.withoutSecret());
    assertThat(kit.getState().webhooks()).containsExactly(second);
  }
}
