package dev.calendar.webhook;

import dev.calendar.journal.PersistFailures;
import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The outgoing webhook subscriptions of one user (key: user id). One writer per user makes the
 * per-user limit exact without a lock. The signing secret is kept for the delivery pipeline but
 * only {@link GetSecret} answers it; listings never do.
 */
public final class WebhookRegistry
    extends EventSourcedBehaviorWithEnforcedReplies<
        WebhookRegistry.Command, WebhookRegistry.Event, WebhookRegistry.State> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "WebhookRegistry");

  public static void init(ActorSystem<?> system) {
    int maxPerUser = WebhookSettings.of(system.settings().config()).maxPerUser();
    ClusterSharding.get(system)
        .init(Entity.of(TYPE_KEY, ctx -> create(UUID.fromString(ctx.getEntityId()), maxPerUser)));
  }

  public static Behavior<Command> create(UUID userId, int maxPerUser) {
    return new WebhookRegistry(userId, maxPerUser);
  }

  // ---- commands and replies ----

  public sealed interface Command extends CborSerializable
      permits Subscribe, ListSubscriptions, Unsubscribe, GetSecret {}

  /** Adds a subscription; subscribing again with the same id answers the existing one. */
  public record Subscribe(Webhook webhook, ActorRef<SubscribeResult> replyTo) implements Command {}

  public record ListSubscriptions(ActorRef<Subscriptions> replyTo) implements Command {}

  public record Unsubscribe(UUID webhookId, ActorRef<UnsubscribeResult> replyTo)
      implements Command {}

  /** For signing deliveries (and replaying a creation): the secret, or null if unknown. */
  public record GetSecret(UUID webhookId, ActorRef<Secret> replyTo) implements Command {}

  public sealed interface SubscribeResult extends CborSerializable
      permits Subscribed, LimitReached {}

  public record Subscribed(Subscription subscription) implements SubscribeResult {}

  public record LimitReached(int limit) implements SubscribeResult {}

  public record Subscriptions(List<Subscription> subscriptions) implements CborSerializable {}

  public sealed interface UnsubscribeResult extends CborSerializable
      permits Unsubscribed, UnknownWebhook {}

  public record Unsubscribed() implements UnsubscribeResult {}

  public record UnknownWebhook() implements UnsubscribeResult {}

  public record Secret(String secret) implements CborSerializable {}

  /** A subscription as it may be shown: everything but the secret. */
  public record Subscription(UUID id, String url, List<String> events, Instant createdAt)
      implements CborSerializable {}

  /** A subscription with its signing secret, as stored. */
  public record Webhook(UUID id, String url, List<String> events, String secret, Instant createdAt)
      implements CborSerializable {
    public Webhook {
      events = List.copyOf(events);
    }

    public Subscription withoutSecret() {
      return new Subscription(id, url, events, createdAt);
    }
  }

  // ---- events ----

  public sealed interface Event extends CborSerializable permits WebhookAdded, WebhookRemoved {}

  public record WebhookAdded(Webhook webhook) implements Event {}

  public record WebhookRemoved(UUID webhookId) implements Event {}

  // ---- state ----

  /** The subscriptions in creation order. */
  public record State(List<Webhook> webhooks) implements CborSerializable {
    static final State EMPTY = new State(List.of());

    public State {
      webhooks = List.copyOf(webhooks);
    }

    Webhook find(UUID id) {
      return webhooks.stream().filter(w -> w.id().equals(id)).findFirst().orElse(null);
    }

    State with(Webhook webhook) {
      var next = new ArrayList<>(webhooks);
      next.add(webhook);
      return new State(next);
    }

    State without(UUID id) {
      return new State(webhooks.stream().filter(w -> !w.id().equals(id)).toList());
    }
  }

  private final int maxPerUser;

  private WebhookRegistry(UUID userId, int maxPerUser) {
    super(
        PersistenceId.of(TYPE_KEY.name(), userId.toString()), PersistFailures.restartWithBackoff());
    this.maxPerUser = maxPerUser;
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  // ---- command handlers ----

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Subscribe.class, this::subscribe)
        .onCommand(
            ListSubscriptions.class,
            (s, c) ->
                Effect()
                    .reply(
                        c.replyTo(),
                        new Subscriptions(
                            s.webhooks().stream().map(Webhook::withoutSecret).toList())))
        .onCommand(Unsubscribe.class, this::unsubscribe)
        .onCommand(
            GetSecret.class,
            (s, c) -> {
              Webhook found = s.find(c.webhookId());
              return Effect().reply(c.replyTo(), new Secret(found == null ? null : found.secret()));
            })
        .build();
  }

  private ReplyEffect<Event, State> subscribe(State state, Subscribe cmd) {
    Webhook existing = state.find(cmd.webhook().id());
    if (existing != null) {
      // A retried creation (id derived from the same idempotency key) converges on the first.
      return Effect().reply(cmd.replyTo(), new Subscribed(existing.withoutSecret()));
    }
    if (state.webhooks().size() >= maxPerUser) {
      return Effect().reply(cmd.replyTo(), new LimitReached(maxPerUser));
    }
    return Effect()
        .persist(new WebhookAdded(cmd.webhook()))
        .thenReply(cmd.replyTo(), s -> new Subscribed(cmd.webhook().withoutSecret()));
  }

  private ReplyEffect<Event, State> unsubscribe(State state, Unsubscribe cmd) {
    if (state.find(cmd.webhookId()) == null) {
      return Effect().reply(cmd.replyTo(), new UnknownWebhook());
    }
    return Effect()
        .persist(new WebhookRemoved(cmd.webhookId()))
        .thenReply(cmd.replyTo(), s -> new Unsubscribed());
  }

  // ---- event handlers ----

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(WebhookAdded.class, (s, e) -> s.with(e.webhook()))
        .onEvent(WebhookRemoved.class, (s, e) -> s.without(e.webhookId()))
        .build();
  }
}
