package dev.calendar.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.session.SessionRevocations;
import dev.calendar.store.idempotency.IdempotencyStore;
import dev.calendar.store.idempotency.IdempotentRequests;
import dev.calendar.store.idempotency.StoredResponse;
import dev.calendar.store.session.SessionStore;
import dev.calendar.store.session.Sessions;
import dev.calendar.store.session.StoredSession;
import dev.calendar.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Feature routes behind the real {@link HttpApi} (problem+json mapping, metrics), bound on a free
 * local port and called over HTTP. One user is signed in: {@link #CALLER} with token {@link
 * #TOKEN}; sessions and idempotency records live in memory.
 */
public final class RouteHarness implements AutoCloseable {
  public static final UUID CALLER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  public static final String TOKEN = "good-token";

  public final Authentication auth;
  public final Idempotency idempotency;
  private final ActorSystem<Void> system;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ServerBinding binding;

  public RouteHarness() {
    system = ActorSystem.create(Behaviors.empty(), "routes");
    auth =
        new Authentication(
            new Sessions(
                new OneSession(),
                SessionRevocations.none(),
                Duration.ofHours(1),
                Clock.systemUTC()));
    idempotency =
        new Idempotency(
            new IdempotentRequests(
                new MemoryIdempotencyStore(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                Clock.systemUTC()));
  }

  /** Binds {@code routes} as the node does; call once. */
  public RouteHarness serve(Route... routes) {
    var api = new HttpApi(new HttpMetrics(HttpMetrics.newRegistry()), List.of(routes));
    try {
      binding =
          Http.get(system)
              .newServerAt("127.0.0.1", 0)
              .bind(api.route())
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** An answer as the client sees it. */
  public record Answer(int status, Map<String, List<String>> headers, String text) {
    public JsonNode json() {
      return JsonBodies.object(text);
    }

    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    public String contentType() {
      return header("Content-Type").orElse(null);
    }
  }

  /** A signed-in request; {@code headers} are name, value pairs. */
  public Answer call(String method, String path, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = "Bearer " + TOKEN;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return anonymous(method, path, body, all);
  }

  public Answer anonymous(String method, String path, String body, String... headers) {
    var uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code json} with single quotes for double ones, for readable bodies in tests. */
  public static String json(String json) {
    return json.replace('\'', '"');
  }

  public static String write(Object value) {
    return Json.write(value);
  }

  @Override
  public void close() {
    if (binding != null) {
      binding.terminate(Duration.ofSeconds(1)).toCompletableFuture().join();
    }
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  /** Knows one token: {@link #TOKEN}, of {@link #CALLER}. */
  private static final class OneSession implements SessionStore {
    private static final String HASH = sha256(TOKEN);

    private static String sha256(String text) {
      try {
        var digest = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public CompletionStage<Void> save(
        String tokenHash, UUID userId, Instant createdAt, Instant expiresAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Optional<StoredSession>> find(String tokenHash) {
      return CompletableFuture.completedFuture(
          HASH.equals(tokenHash)
              ? Optional.of(new StoredSession(CALLER, Instant.MAX))
              : Optional.empty());
    }

    @Override
    public CompletionStage<Void> delete(UUID userId, String tokenHash) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> deleteAllOf(UUID userId, String keepTokenHash) {
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Idempotency records in a map, with no expiry. */
  private static final class MemoryIdempotencyStore implements IdempotencyStore {
    private record Row(String requestHash, Instant takenAt, StoredResponse response) {}

    private final Map<String, Row> rows = new ConcurrentHashMap<>();

    @Override
    public synchronized CompletionStage<Claim> tryClaim(
        String scope, String key, String requestHash, Instant now) {
      Row row = rows.get(scope + "\n" + key);
      if (row == null) {
        rows.put(scope + "\n" + key, new Row(requestHash, now, null));
        return CompletableFuture.completedFuture(new Acquired(now));
      }
      return CompletableFuture.completedFuture(
          new Existing(row.requestHash(), row.takenAt(), row.response()));
    }

    @Override
    public synchronized CompletionStage<Boolean> takeOver(
        String scope, String key, Instant staleTakenAt, Instant now) {
      Row row = rows.get(scope + "\n" + key);
      if (row == null || !row.takenAt().equals(staleTakenAt)) {
        return CompletableFuture.completedFuture(false);
      }
      rows.put(scope + "\n" + key, new Row(row.requestHash(), now, null));
      return CompletableFuture.completedFuture(true);
    }

    @Override
    public synchronized CompletionStage<Void> complete(
        String scope, String key, Instant takenAt, StoredResponse response) {
      rows.computeIfPresent(
          scope + "\n" + key, (k, row) -> new Row(row.requestHash(), row.takenAt(), response));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> release(String scope, String key, Instant takenAt) {
      rows.remove(scope + "\n" + key);
      return CompletableFuture.completedFuture(null);
    }
  }
}
