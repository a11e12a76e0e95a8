package dev.calendar.api.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.EntityAsk;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Problem;
import dev.calendar.api.ProblemHandling;
import dev.calendar.connection.ConnectionEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /webhook/google} and {@code POST /webhook/outlook}: providers telling a connection
 * that its calendar changed. Each notification is checked by the connection it names (its channel
 * or subscription and the secret token sent with it), which then reads the changes; the answer
 * never waits for that read.
 *
 * <p>Both addresses name the connection inside what this service chose when it opened the watch
 * (the Google channel id, the Microsoft clientState: {@code <connection id>…}), so a notification
 * reaches its connection without a lookup.
 */
public final class ProviderWebhookRoutes extends AllDirectives {
  static final String CHANNEL_ID = "X-Goog-Channel-ID";
  static final String CHANNEL_TOKEN = "X-Goog-Channel-Token";
  static final String RESOURCE_ID = "X-Goog-Resource-ID";
  static final String RESOURCE_STATE = "X-Goog-Resource-State";

  /** Microsoft wants its answer within 3 s; connections that take longer are not waited for. */
  static final Duration OUTLOOK_WAIT = Duration.ofMillis(2000);

  private final EntityAsk<ConnectionEntity.Command> connections;

  public ProviderWebhookRoutes(EntityAsk<ConnectionEntity.Command> connections) {
    this.connections = connections;
  }

  public Route route() {
    return concat(
        path(PathMatchers.segment("webhook").slash("google"), () -> post(this::google)),
        path(PathMatchers.segment("webhook").slash("outlook"), () -> post(this::outlook)));
  }

  // ---- Google ----

  private Route google() {
    return optionalHeaderValueByName(
        CHANNEL_ID,
        channelId ->
            optionalHeaderValueByName(
                CHANNEL_TOKEN,
                token ->
                    optionalHeaderValueByName(
                        RESOURCE_ID,
                        resourceId ->
                            optionalHeaderValueByName(
                                RESOURCE_STATE,
                                state -> google(channelId, token, resourceId, state)))));
  }

  private Route google(
      Optional<String> channelId,
      Optional<String> token,
      Optional<String> resourceId,
      Optional<String> state) {
    UUID connectionId = channelId.flatMap(ProviderWebhookRoutes::connectionOf).orElse(null);
    if (connectionId == null || state.isEmpty()) {
      return unknownChannel();
    }
    CompletionStage<Boolean> known =
        connections.ask(
            connectionId.toString(),
            reply ->
                new ConnectionEntity.GoogleNotification(
                    channelId.get(),
                    token.orElse(null),
                    resourceId.orElse(null),
                    state.get(),
                    reply));
    return onSuccess(known, ok -> ok ? complete(StatusCodes.OK) : unknownChannel());
  }

  private static Route unknownChannel() {
    return ProblemHandling.complete(Problem.notFound("no such channel"));
  }

  // ---- Outlook ----

  private Route outlook() {
    return parameterOptional(
        "validationToken",
        validation ->
            validation.isPresent()
                // Subscription validation: the decoded token, as plain text, at once.
                ? complete(
                    HttpResponse.create()
                        .withStatus(StatusCodes.OK)
                        .withEntity(ContentTypes.TEXT_PLAIN_UTF8, validation.get()))
                : JsonBodies.route(this::outlookNotifications));
  }

  private Route outlookNotifications(JsonNode body) {
    JsonNode value = body.get("value");
    if (value == null || !value.isArray()) {
      throw Problem.invalid("value", "must be the list of notifications");
    }
    List<CompletableFuture<Boolean>> handed = new ArrayList<>();
    for (JsonNode n : value) {
      String subscriptionId = n.path("subscriptionId").asText(null);
      String clientState = n.path("clientState").asText(null);
      String lifecycle = n.path("lifecycleEvent").asText(null);
      UUID connectionId = clientState == null ? null : connectionOf(clientState).orElse(null);
      if (subscriptionId == null || connectionId == null) {
        continue; // not ours: ignored
      }
      handed.add(
          connections
              .<Boolean>ask(
                  connectionId.toString(),
                  reply ->
                      new ConnectionEntity.OutlookNotification(
                          subscriptionId, clientState, lifecycle, reply))
              .toCompletableFuture()
              .completeOnTimeout(false, OUTLOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS)
              .exceptionally(e -> false));
    }
    // Answered 202 whatever each connection said: a wrong clientState is ignored, not refused,
    // and a connection slow to answer still reads the change (or its backstop read does).
    CompletableFuture<Void> all = CompletableFuture.allOf(handed.toArray(CompletableFuture[]::new));
    return onSuccess(all, done -> complete(StatusCodes.ACCEPTED));
  }

  /**
   * The connection id at the start of a channel id or token ({@code <uuid>_…}, {@code <uuid>.…}).
   */
  static Optional<UUID> connectionOf(String text) {
    if (text.length() < 37 || (text.charAt(36) != '_' && text.charAt(36) != '.')) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(text.substring(0, 36)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
