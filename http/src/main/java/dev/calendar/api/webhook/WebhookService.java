package dev.calendar.api.webhook;

import dev.calendar.api.EntityAsk;
import dev.calendar.api.Problem;
import dev.calendar.api.UrlChecks;
import dev.calendar.webhook.WebhookRegistry;
import dev.calendar.webhook.WebhookSettings;
import dev.calendar.webhook.WebhookSignature;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Webhook subscriptions over the per-user {@link WebhookRegistry}: URL checks (DNS lookups run on
 * the blocking executor), secrets, and the mapping of entity answers to problems.
 */
public final class WebhookService {
  private final EntityAsk<WebhookRegistry.Command> registries;
  private final WebhookSettings settings;
  private final Clock clock;
  private final UrlChecks urls;
  private final SecureRandom random = new SecureRandom();

  public WebhookService(
      ClusterSharding sharding,
      WebhookSettings settings,
      Executor blocking,
      Duration askTimeout,
      Clock clock) {
    this(sharding, settings, blocking, askTimeout, clock, UrlChecks.DNS);
  }

  public WebhookService(
      ClusterSharding sharding,
      WebhookSettings settings,
      Executor blocking,
      Duration askTimeout,
      Clock clock,
      UrlChecks.Resolver resolver) {
    this(
        EntityAsk.sharded(sharding, WebhookRegistry.TYPE_KEY, askTimeout),
        settings,
        blocking,
        clock,
        resolver);
  }

  /** Over any registries: for tests that give canned replies. */
  WebhookService(
      EntityAsk<WebhookRegistry.Command> registries,
      WebhookSettings settings,
      Executor blocking,
      Clock clock,
      UrlChecks.Resolver resolver) {
    this.registries = registries;
    this.settings = settings;
    this.clock = clock;
    this.urls = new UrlChecks(resolver, blocking, settings.devMode());
  }

  public WebhookSettings settings() {
    return settings;
  }

  /** Why the service may not call {@code uri}, after resolving its host; empty when it may. */
  public CompletionStage<Optional<String>> urlProblem(URI uri) {
    return urls.problem(uri);
  }

  /** The secret as given, or a fresh one. */
  public String secretOrNew(String given) {
    return given != null ? given : WebhookSignature.generateSecret(random);
  }

  public CompletionStage<WebhookRegistry.Subscription> subscribe(
      UUID userId, UUID webhookId, String url, List<String> events, String secret) {
    var webhook = new WebhookRegistry.Webhook(webhookId, url, events, secret, clock.instant());
    return registries
        .<WebhookRegistry.SubscribeResult>ask(
            userId.toString(), reply -> new WebhookRegistry.Subscribe(webhook, reply))
        .thenApply(
            result -> {
              if (result instanceof WebhookRegistry.LimitReached limit) {
                throw Problem.conflict("at most " + limit.limit() + " webhooks per user");
              }
              return ((WebhookRegistry.Subscribed) result).subscription();
            });
  }

  public CompletionStage<List<WebhookRegistry.Subscription>> list(UUID userId) {
    return registries
        .<WebhookRegistry.Subscriptions>ask(
            userId.toString(), WebhookRegistry.ListSubscriptions::new)
        .thenApply(WebhookRegistry.Subscriptions::subscriptions);
  }

  public CompletionStage<Void> unsubscribe(UUID userId, UUID webhookId) {
    return registries
        .<WebhookRegistry.UnsubscribeResult>ask(
            userId.toString(), reply -> new WebhookRegistry.Unsubscribe(webhookId, reply))
        .thenApply(
            result -> {
              if (result instanceof WebhookRegistry.UnknownWebhook) {
                throw Problem.notFound("no such webhook");
              }
              return null;
            });
  }

  /** The stored secret, or null when the webhook is gone. */
  public CompletionStage<String> secret(UUID userId, UUID webhookId) {
    return registries
        .<WebhookRegistry.Secret>ask(
            userId.toString(), reply -> new WebhookRegistry.GetSecret(webhookId, reply))
        .thenApply(WebhookRegistry.Secret::secret);
  }
}
