package dev.calendar.api.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.calendar.api.Authentication;
import dev.calendar.api.Caller;
import dev.calendar.api.Fields;
import dev.calendar.api.Idempotency;
import dev.calendar.api.Ids;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Replies;
import dev.calendar.store.idempotency.StoredResponse;
import dev.calendar.webhook.UrlPolicy;
import dev.calendar.webhook.WebhookEvents;
import dev.calendar.webhook.WebhookRegistry;
import dev.calendar.webhook.WebhookSignature;
import dev.calendar.wire.Json;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /users/{id}/webhooks}: one's own outgoing webhook subscriptions. */
public final class WebhookRoutes extends AllDirectives {
  static final int MAX_SECRET_LENGTH = 200;
  static final int MAX_EVENT_TYPE_LENGTH = 64;

  private final WebhookService webhooks;
  private final Authentication auth;
  private final Idempotency idempotency;

  public WebhookRoutes(WebhookService webhooks, Authentication auth, Idempotency idempotency) {
    this.webhooks = webhooks;
    this.auth = auth;
    this.idempotency = idempotency;
  }

  /** The answer to a creation: the only one that shows the secret. */
  public record CreatedView(
      UUID id, String url, List<String> events, String secret, Instant createdAt) {
    static CreatedView of(WebhookRegistry.Subscription s, String secret) {
      return new CreatedView(s.id(), s.url(), s.events(), secret, s.createdAt());
    }
  }

  public record ListView(List<WebhookRegistry.Subscription> webhooks) {}

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("webhooks"),
            idText ->
                auth.authenticated(
                    caller ->
                        concat(
                            post(() -> create(caller, idText)), get(() -> list(caller, idText))))),
        path(
            PathMatchers.segment("users")
                .slash(PathMatchers.segment())
                .slash("webhooks")
                .slash(PathMatchers.segment()),
            (idText, webhookText) ->
                delete(() -> auth.authenticated(caller -> remove(caller, idText, webhookText)))));
  }

  private Route create(Caller caller, String idText) {
    UUID userId = caller.ownId(idText, "you can only manage your own webhooks");
    return JsonBodies.route(
        body -> {
          var f = new Fields(body);
          String url = f.requiredString("url", 1, webhooks.settings().maxUrlLength());
          URI uri = null;
          if (url != null) {
            var parsed = UrlPolicy.parse(url);
            uri = parsed.uri();
            if (parsed.problem() != null) {
              f.error("url", parsed.problem());
            }
          }
          List<String> events = events(f);
          String secret = f.optionalString("secret", 1, MAX_SECRET_LENGTH);
          if (secret != null && !WebhookSignature.isValidSecret(secret)) {
            f.error(
                "secret",
                "must be "
                    + WebhookSignature.PREFIX
                    + " followed by base64 of "
                    + WebhookSignature.MIN_KEY_BYTES
                    + " to "
                    + WebhookSignature.MAX_KEY_BYTES
                    + " bytes");
          }
          CompletionStage<Optional<String>> urlProblem =
              uri == null
                  ? CompletableFuture.completedFuture(Optional.empty())
                  : webhooks.urlProblem(uri);
          // The DNS answer is awaited before judging, so one 400 still lists every bad field.
          return onSuccess(
              urlProblem,
              problem -> {
                problem.ifPresent(message -> f.error("url", message));
                f.throwIfInvalid();
                return idempotency.withKey(
                    body,
                    false,
                    key ->
                        idempotency.run(
                            Idempotency.Scope.of(caller, "POST /users/" + userId + "/webhooks"),
                            key,
                            body,
                            () -> {
                              // A retried creation must land on the same webhook: derive its id.
                              UUID webhookId = Idempotency.createdId("webhook", userId, key);
                              return webhooks
                                  .subscribe(
                                      userId, webhookId, url, events, webhooks.secretOrNew(secret))
                                  .thenApply(
                                      s ->
                                          Replies.created(
                                              CreatedView.of(s, null),
                                              "/users/" + userId + "/webhooks/" + s.id()));
                            },
                            (answer, replayed) -> withSecret(userId, answer)));
              });
        });
  }

  private static List<String> events(Fields f) {
    if (!f.has("events") || f.isNull("events")) {
      f.error("events", "is required");
      return null;
    }
    List<String> given =
        f.optionalList("events", WebhookEvents.ALL.size(), e -> e.string(MAX_EVENT_TYPE_LENGTH));
    if (given == null) {
      return null;
    }
    if (given.isEmpty()) {
      f.error("events", "must name at least one of " + WebhookEvents.ALL);
      return null;
    }
    for (String type : given) {
      if (type != null && !WebhookEvents.isKnown(type)) {
        f.error("events", "unknown event type '" + type + "' (one of " + WebhookEvents.ALL + ")");
      }
    }
    return List.copyOf(new LinkedHashSet<>(given.stream().filter(Objects::nonNull).toList()));
  }

  /**
   * The secret is not kept with the stored answer (idempotency records are no place for it): it is
   * read back from the registry each time the answer is sent, first or replayed.
   */
  private CompletionStage<StoredResponse> withSecret(UUID userId, StoredResponse answer) {
    if (answer.status() != 201) {
      return CompletableFuture.completedFuture(answer);
    }
    CreatedView view;
    try {
      view = Json.MAPPER.readValue(answer.body(), CreatedView.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored webhook answer is not a CreatedView", e);
    }
    return webhooks
        .secret(userId, view.id())
        .thenApply(
            secret ->
                Replies.created(
                    new CreatedView(view.id(), view.url(), view.events(), secret, view.createdAt()),
                    answer.location()));
  }

  private Route list(Caller caller, String idText) {
    UUID userId = caller.ownId(idText, "you can only manage your own webhooks");
    return onSuccess(
        webhooks.list(userId),
        subscriptions -> complete(Replies.toHttp(Replies.json(200, new ListView(subscriptions)))));
  }

  private Route remove(Caller caller, String idText, String webhookText) {
    UUID userId = caller.ownId(idText, "you can only manage your own webhooks");
    UUID webhookId = Ids.parse("webhookId", webhookText);
    return onSuccess(
        webhooks.unsubscribe(userId, webhookId), done -> complete(StatusCodes.NO_CONTENT));
  }
}
