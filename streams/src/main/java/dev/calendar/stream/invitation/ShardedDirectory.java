package dev.calendar.stream.invitation;

import dev.calendar.user.UserEntity;
import dev.calendar.user.UserProfile;
import dev.calendar.webhook.WebhookRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** {@link Directory} by asking the user and webhook registry entities. */
final class ShardedDirectory implements Directory {
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final Executor executor;

  ShardedDirectory(ClusterSharding sharding, Duration askTimeout, Executor executor) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.executor = executor;
  }

  @Override
  public CompletionStage<Optional<UserProfile>> profile(UUID userId) {
    return sharding
        .entityRefFor(UserEntity.TYPE_KEY, userId.toString())
        .<UserEntity.Result>ask(UserEntity.GetProfile::new, askTimeout)
        .thenApplyAsync(
            r ->
                r instanceof UserEntity.Found found
                    ? Optional.of(found.profile())
                    : Optional.<UserProfile>empty(),
            executor);
  }

  @Override
  public CompletionStage<List<WebhookRegistry.Subscription>> webhooks(UUID userId) {
    return sharding
        .entityRefFor(WebhookRegistry.TYPE_KEY, userId.toString())
        .<WebhookRegistry.Subscriptions>ask(WebhookRegistry.ListSubscriptions::new, askTimeout)
        .thenApplyAsync(WebhookRegistry.Subscriptions::subscriptions, executor);
  }
}
