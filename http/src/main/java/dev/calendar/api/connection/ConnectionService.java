package dev.calendar.api.connection;

import dev.calendar.api.EntityAsk;
import dev.calendar.api.Problem;
import dev.calendar.api.UrlChecks;
import dev.calendar.connection.ConnectionDirectory;
import dev.calendar.connection.ConnectionEntity;
import dev.calendar.connection.ConnectionEntity.ConnectionView;
import dev.calendar.connection.ConnectionSettings;
import dev.calendar.connection.ConnectionSync;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Connections over their entities: the per-user directory (and its limit) and one entity per
 * connection; URL checks (DNS lookups on the blocking executor) and entity answers as problems.
 */
public final class ConnectionService {
  private final EntityAsk<ConnectionEntity.Command> connections;
  private final EntityAsk<ConnectionDirectory.Command> directories;
  private final ConnectionSettings settings;
  private final UrlChecks urls;
  private final ConnectionSync providers;

  public ConnectionService(
      EntityAsk<ConnectionEntity.Command> connections,
      EntityAsk<ConnectionDirectory.Command> directories,
      ConnectionSettings settings,
      UrlChecks urls,
      ConnectionSync providers) {
    this.connections = connections;
    this.directories = directories;
    this.settings = settings;
    this.urls = urls;
    this.providers = providers;
  }

  public ConnectionSettings settings() {
    return settings;
  }

  /** Why the service may not read {@code uri}, after resolving its host; empty when it may. */
  CompletionStage<Optional<String>> urlProblem(URI uri) {
    return urls.problem(uri);
  }

  /**
   * Exchanges the OAuth code, then connects: a refused code is a 400 naming {@code code}, a
   * provider that does not answer a 503.
   */
  CompletionStage<ConnectionView> authorizeAndCreate(
      UUID userId, UUID connectionId, String provider, String code, String redirectUri) {
    return providers
        .authorize(provider, code, redirectUri)
        .thenCompose(
            answer -> {
              if (answer instanceof ConnectionSync.Authorization.Refused refused) {
                if (refused.badCode()) {
                  throw Problem.invalid(
                      "code", "the provider refused the code: " + refused.reason());
                }
                throw Problem.unavailable(refused.reason());
              }
              var granted = (ConnectionSync.Authorization.Granted) answer;
              return create(
                  userId, connectionId, provider, null, granted.account(), granted.credentials());
            });
  }

  /** Lists, then connects (a retry with the same id lands on the same connection). */
  CompletionStage<ConnectionView> create(
      UUID userId, UUID connectionId, String provider, String url, String account) {
    return create(userId, connectionId, provider, url, account, null);
  }

  private CompletionStage<ConnectionView> create(
      UUID userId,
      UUID connectionId,
      String provider,
      String url,
      String account,
      String credentials) {
    return directories
        .<ConnectionDirectory.AddReply>ask(
            userId.toString(), reply -> new ConnectionDirectory.Add(connectionId, reply))
        .thenCompose(
            added -> {
              if (added instanceof ConnectionDirectory.LimitReached limit) {
                throw Problem.conflict("at most " + limit.limit() + " connections per user");
              }
              return connections.<ConnectionEntity.Reply>ask(
                  connectionId.toString(),
                  reply ->
                      new ConnectionEntity.Connect(
                          userId, provider, url, account, credentials, reply));
            })
        .thenApply(ConnectionService::found);
  }

  CompletionStage<List<ConnectionView>> list(UUID userId) {
    return directories
        .<ConnectionDirectory.Ids>ask(userId.toString(), ConnectionDirectory.ListIds::new)
        .thenCompose(
            ids -> {
              List<CompletableFuture<ConnectionEntity.Reply>> replies = new ArrayList<>();
              for (UUID id : ids.ids()) {
                replies.add(
                    connections
                        .<ConnectionEntity.Reply>ask(
                            id.toString(), reply -> new ConnectionEntity.Get(userId, reply))
                        .toCompletableFuture());
              }
              return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done ->
                          replies.stream()
                              .map(CompletableFuture::join)
                              .filter(r -> r instanceof ConnectionEntity.Found)
                              .map(r -> ((ConnectionEntity.Found) r).connection())
                              .sorted(Comparator.comparing(ConnectionView::createdAt))
                              .toList());
            });
  }

  CompletionStage<ConnectionView> get(UUID userId, UUID connectionId) {
    return ask(connectionId, reply -> new ConnectionEntity.Get(userId, reply))
        .thenApply(ConnectionService::found);
  }

  CompletionStage<ConnectionView> update(
      UUID userId, UUID connectionId, Boolean checkConflicts, Boolean pushEvents) {
    return ask(
            connectionId,
            reply -> new ConnectionEntity.Update(userId, checkConflicts, pushEvents, reply))
        .thenApply(ConnectionService::found);
  }

  /** Stops the connection, removes its busy time, then unlists it. */
  CompletionStage<Void> delete(UUID userId, UUID connectionId) {
    return ask(connectionId, reply -> new ConnectionEntity.Disconnect(userId, reply))
        .thenCompose(
            reply -> {
              if (!(reply instanceof ConnectionEntity.Removed)) {
                found(reply);
              }
              return directories.<Done>ask(
                  userId.toString(), r -> new ConnectionDirectory.Remove(connectionId, r));
            })
        .thenApply(done -> null);
  }

  private CompletionStage<ConnectionEntity.Reply> ask(
      UUID connectionId,
      Function<ActorRef<ConnectionEntity.Reply>, ConnectionEntity.Command> message) {
    return connections.ask(connectionId.toString(), message);
  }

  private static ConnectionView found(ConnectionEntity.Reply reply) {
    if (reply instanceof ConnectionEntity.Found found) {
      return found.connection();
    }
    if (reply instanceof ConnectionEntity.Unavailable u) {
      throw Problem.unavailable(u.reason());
    }
    if (reply instanceof ConnectionEntity.Taken) {
      throw Problem.conflict("this connection id is taken; create the connection again");
    }
    throw Problem.notFound("no such connection");
  }
}
