package dev.calendar.stream.notifier;

import dev.calendar.user.UserEntity;
import dev.calendar.user.UserProfile;
import dev.calendar.webhook.WebhookRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Looks recipients up at send time, so a changed address, phone or webhook counts even for a
 * reminder queued earlier: the user's profile, and the user's webhooks for one event type with
 * their signing secrets. An unknown user is a permanent failure; a timeout is retried.
 */
public final class Recipients {
  private final ClusterSharding sharding;
  private final Duration timeout;
  private final Executor executor;

  public Recipients(ClusterSharding sharding, Duration timeout, Executor executor) {
    this.sharding = sharding;
    this.timeout = timeout;
    this.executor = executor;
  }

  /** A webhook to deliver to, with the secret it is signed with. */
  public record WebhookTarget(UUID id, String url, String secret) {
    @Override
    public String toString() {
      return "WebhookTarget[" + id + " " + url + "]"; // never the secret
    }
  }

  public CompletionStage<UserProfile> profile(UUID userId) {
    return sharding
        .entityRefFor(UserEntity.TYPE_KEY, userId.toString())
        .<UserEntity.Result>ask(UserEntity.GetProfile::new, timeout)
        .thenApplyAsync(
            result -> {
              if (result instanceof UserEntity.Found found) {
                return found.profile();
              }
              throw DeliveryFailure.permanent("unknown user " + userId);
            },
            executor);
  }

  /** The user's webhooks subscribed to {@code type}; a webhook deleted meanwhile is left out. */
  public CompletionStage<List<WebhookTarget>> webhooks(UUID userId, String type) {
    var registry = sharding.entityRefFor(WebhookRegistry.TYPE_KEY, userId.toString());
    return registry
        .<WebhookRegistry.Subscriptions>ask(WebhookRegistry.ListSubscriptions::new, timeout)
        .thenComposeAsync(
            subs -> {
              List<CompletableFuture<WebhookTarget>> targets =
                  subs.subscriptions().stream()
                      .filter(s -> s.events().contains(type))
                      .map(
                          s ->
                              registry
                                  .<WebhookRegistry.Secret>ask(
                                      reply -> new WebhookRegistry.GetSecret(s.id(), reply),
                                      timeout)
                                  .thenApply(
                                      secret ->
                                          secret.secret() == null
                                              ? null
                                              : new WebhookTarget(s.id(), s.url(), secret.secret()))
                                  .toCompletableFuture())
                      .toList();
              return CompletableFuture.allOf(targets.toArray(CompletableFuture[]::new))
                  .thenApply(
                      v ->
                          targets.stream()
                              .map(CompletableFuture::join)
                              .filter(t -> t != null)
                              .toList());
            },
            executor);
  }
}
