package dev.calendar.api.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.Authentication;
import dev.calendar.api.Caller;
import dev.calendar.api.Fields;
import dev.calendar.api.Idempotency;
import dev.calendar.api.Ids;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Problem;
import dev.calendar.api.Replies;
import dev.calendar.connection.ConnectionEntity.ConnectionView;
import dev.calendar.connection.FeedUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /users/{id}/connections}: one's own connections to other calendars. */
public final class ConnectionRoutes extends AllDirectives {
  static final String ICS = "ics";
  static final Set<String> PROVIDERS = Set.of(ICS, "google", "outlook");
  private static final String OWN_ONLY = "you can only manage your own connections";

  private final ConnectionService connections;
  private final Authentication auth;
  private final Idempotency idempotency;

  public ConnectionRoutes(
      ConnectionService connections, Authentication auth, Idempotency idempotency) {
    this.connections = connections;
    this.auth = auth;
    this.idempotency = idempotency;
  }

  public record ListView(List<ConnectionView> connections) {}

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("connections"),
            idText ->
                auth.authenticated(
                    caller ->
                        concat(
                            post(() -> create(caller, idText)), get(() -> list(caller, idText))))),
        path(
            PathMatchers.segment("users")
                .slash(PathMatchers.segment())
                .slash("connections")
                .slash(PathMatchers.segment()),
            (idText, connectionText) ->
                auth.authenticated(
                    caller ->
                        concat(
                            get(() -> read(caller, idText, connectionText)),
                            patch(() -> update(caller, idText, connectionText)),
                            delete(() -> remove(caller, idText, connectionText))))));
  }

  private Route create(Caller caller, String idText) {
    UUID userId = caller.ownId(idText, OWN_ONLY);
    return JsonBodies.route(
        body -> {
          var f = new Fields(body);
          String provider = f.requiredString("provider", 1, 32);
          if (provider != null && !PROVIDERS.contains(provider)) {
            f.error("provider", "must be one of ics, google, outlook");
          }
          if (provider != null && PROVIDERS.contains(provider) && !provider.equals(ICS)) {
            return createOAuth(caller, userId, provider, body, f);
          }
          URI uri = feedUri(f, ICS.equals(provider));
          CompletionStage<Optional<String>> urlProblem =
              uri == null
                  ? CompletableFuture.completedFuture(Optional.empty())
                  : connections.urlProblem(uri);
          // The DNS answer is awaited before judging, so one 400 still lists every bad field.
          return onSuccess(
              urlProblem,
              problem -> {
                problem.ifPresent(message -> f.error("url", message));
                f.throwIfInvalid();
                String url = f.requiredString("url", 1, connections.settings().maxUrlLength());
                return created(
                    caller,
                    userId,
                    body,
                    id -> connections.create(userId, id, provider, url, uri.getHost()));
              });
        });
  }

  /** {@code {provider: google|outlook, code, redirectUri}}: the code is exchanged once. */
  private Route createOAuth(Caller caller, UUID userId, String provider, JsonNode body, Fields f) {
    String code = f.requiredString("code", 1, 4096);
    String redirectUri = f.requiredString("redirectUri", 1, connections.settings().maxUrlLength());
    if (redirectUri != null) {
      try {
        URI uri = new URI(redirectUri);
        if (!uri.isAbsolute() || uri.getHost() == null) {
          f.error("redirectUri", "must be an absolute URL, the one the code was issued for");
        }
      } catch (URISyntaxException e) {
        f.error("redirectUri", "must be an absolute URL, the one the code was issued for");
      }
    }
    f.throwIfInvalid();
    return created(
        caller,
        userId,
        body,
        id -> connections.authorizeAndCreate(userId, id, provider, code, redirectUri));
  }

  /**
   * Runs {@code create} once per Idempotency-Key, with the connection id derived from the key, so a
   * retried creation lands on the same connection; 201 with its location.
   */
  private Route created(
      Caller caller,
      UUID userId,
      JsonNode body,
      Function<UUID, CompletionStage<ConnectionView>> create) {
    return idempotency.withKey(
        body,
        false,
        key ->
            idempotency.run(
                Idempotency.Scope.of(caller, "POST /users/" + userId + "/connections"),
                key,
                body,
                () ->
                    create
                        .apply(Idempotency.createdId("connection", userId, key))
                        .thenApply(
                            c ->
                                Replies.created(
                                    c, "/users/" + userId + "/connections/" + c.id()))));
  }

  /** The feed URL to fetch, or null (then the problem is noted in {@code f}). */
  private URI feedUri(Fields f, boolean required) {
    if (!required) {
      return null;
    }
    String url = f.requiredString("url", 1, connections.settings().maxUrlLength());
    if (url == null) {
      return null;
    }
    try {
      return FeedUrl.toFetch(url);
    } catch (IllegalArgumentException e) {
      f.error("url", e.getMessage());
      return null;
    }
  }

  private Route list(Caller caller, String idText) {
    UUID userId = caller.ownId(idText, OWN_ONLY);
    return onSuccess(
        connections.list(userId),
        views -> complete(Replies.toHttp(Replies.json(200, new ListView(views)))));
  }

  private Route read(Caller caller, String idText, String connectionText) {
    UUID userId = caller.ownId(idText, OWN_ONLY);
    UUID connectionId = Ids.parse("connectionId", connectionText);
    return onSuccess(
        connections.get(userId, connectionId),
        view -> complete(Replies.toHttp(Replies.json(200, view))));
  }

  private Route update(Caller caller, String idText, String connectionText) {
    UUID userId = caller.ownId(idText, OWN_ONLY);
    UUID connectionId = Ids.parse("connectionId", connectionText);
    return JsonBodies.route(
        body -> {
          var f = new Fields(body);
          Boolean check = optionalBoolean(f, body, "checkConflicts");
          Boolean push = optionalBoolean(f, body, "pushEvents");
          if (f.valid() && check == null && push == null) {
            f.error("checkConflicts", "give checkConflicts or pushEvents (true or false)");
          }
          f.throwIfInvalid();
          CompletionStage<ConnectionView> updated =
              !Boolean.TRUE.equals(push)
                  ? connections.update(userId, connectionId, check, push)
                  : connections
                      .get(userId, connectionId)
                      .thenCompose(
                          c -> {
                            if (ICS.equals(c.provider())) {
                              throw Problem.invalid(
                                  "pushEvents",
                                  "an ICS feed is read-only: nothing can be pushed to it");
                            }
                            return connections.update(userId, connectionId, check, push);
                          });
          return onSuccess(updated, view -> complete(Replies.toHttp(Replies.json(200, view))));
        });
  }

  private static Boolean optionalBoolean(Fields f, JsonNode body, String field) {
    if (!f.has(field) || f.isNull(field)) {
      return null;
    }
    JsonNode value = body.get(field);
    if (!value.isBoolean()) {
      f.error(field, "must be true or false");
      return null;
    }
    return value.booleanValue();
  }

  private Route remove(Caller caller, String idText, String connectionText) {
    UUID userId = caller.ownId(idText, OWN_ONLY);
    UUID connectionId = Ids.parse("connectionId", connectionText);
    return onSuccess(
        connections.delete(userId, connectionId), done -> complete(StatusCodes.NO_CONTENT));
  }
}
