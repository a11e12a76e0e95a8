package dev.calendar.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.store.idempotency.IdempotentRequests;
import dev.calendar.store.idempotency.StoredResponse;
import dev.calendar.wire.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Idempotency-Key handling for any creating POST: same key, same body, same caller → the original
 * answer again; same key with another body → 422; a replay racing the first request waits for its
 * answer. Without a key the request simply runs. A key is only ever looked up within its {@link
 * Scope}, so one caller's key can never reach another caller's stored answer.
 */
public final class Idempotency extends AllDirectives {
  public static final String HEADER = "Idempotency-Key";
  public static final String BODY_FIELD = "idempotencyKey";
  private static final int MAX_KEY_LENGTH = 255;

  /**
   * Whose key it is: the caller, and the route with its path ids filled in ({@code POST
   * /users/<id>/webhooks}). Stored answers are looked up by (scope, key) only.
   */
  public record Scope(String caller, String route) {
    public Scope {
      if (caller.isBlank() || route.isBlank()) {
        throw new IllegalArgumentException("an idempotency scope needs a caller and a route");
      }
    }

    /** An authenticated caller's request on {@code route}. */
    public static Scope of(Caller caller, String route) {
      return new Scope("user:" + caller.userId(), route);
    }

    /**
     * A request with no authenticated caller (sign-up): {@code subject} stands in for the caller,
     * e.g. the account the request is about. It is stored as a hash, never as given.
     */
    public static Scope anonymous(String subject, String route) {
      return new Scope("anonymous:" + sha256(subject), route);
    }

    /** The one text the store keys on. */
    public String text() {
      return caller + " " + route;
    }
  }

  private final IdempotentRequests requests;

  public Idempotency(IdempotentRequests requests) {
    this.requests = requests;
  }

  /**
   * The id of what a creation makes: derived from {@code kind}, the owner and the key, so a retried
   * creation lands on what the first made; random when there is no key.
   */
  public static UUID createdId(String kind, UUID owner, Optional<String> key) {
    return key.map(
            k ->
                UUID.nameUUIDFromBytes(
                    (kind + ":" + owner + ":" + k).getBytes(StandardCharsets.UTF_8)))
        .orElseGet(UUID::randomUUID);
  }

  /** Reads the key from the header, else (where the API lists it) from the body field. */
  public Route withKey(
      JsonNode body, boolean bodyFieldAllowed, Function<Optional<String>, Route> inner) {
    return optionalHeaderValueByName(
        HEADER, header -> inner.apply(key(header, body, bodyFieldAllowed)));
  }

  /**
   * The key of a request with this {@code header} value and {@code body}: the header, else (where
   * the API lists it) the body field; checked, a 400 when it is not one.
   */
  public static Optional<String> key(
      Optional<String> header, JsonNode body, boolean bodyFieldAllowed) {
    Optional<String> key = header;
    if (key.isEmpty() && bodyFieldAllowed && body.hasNonNull(BODY_FIELD)) {
      JsonNode field = body.get(BODY_FIELD);
      if (!field.isTextual()) {
        throw Problem.invalid(BODY_FIELD, "must be a string");
      }
      key = Optional.of(field.asText());
    }
    key.ifPresent(Idempotency::validate);
    return key;
  }

  private static void validate(String key) {
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw Problem.invalid(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
  }

  /**
   * Runs {@code action} once per (scope, key). A failed action that is a client error (a {@link
   * Problem} under 500) is an answer like any other and is replayed too.
   */
  public Route run(
      Scope scope,
      Optional<String> key,
      JsonNode body,
      Supplier<CompletionStage<StoredResponse>> action) {
    return run(
        scope, key, body, action, (answer, replayed) -> CompletableFuture.completedFuture(answer));
  }

  /** What is done to an answer each time it is sent: for what must not be stored. */
  @FunctionalInterface
  public interface Finish {
    /** {@code replayed}: the answer is a stored one, sent again to a retry. */
    CompletionStage<StoredResponse> apply(StoredResponse answer, boolean replayed);
  }

  /**
   * As {@link #run(Scope, Optional, JsonNode, Supplier)}, with {@code finish} applied to the answer
   * each time it is sent, first or replayed: for what must not be stored (a fresh secret). A
   * failure of {@code finish} is answered as a problem, like a failure of the action.
   */
  public Route run(
      Scope scope,
      Optional<String> key,
      JsonNode body,
      Supplier<CompletionStage<StoredResponse>> action,
      Finish finish) {
    Supplier<CompletionStage<StoredResponse>> answering = () -> answer(action);
    if (key.isEmpty()) {
      return onSuccess(
          answering.get().thenCompose(answer -> finish.apply(answer, false)),
          stored -> complete(Replies.toHttp(stored)));
    }
    return onSuccess(
        requests.run(scope.text(), key.get(), requestHash(body), answering),
        outcome -> {
          if (outcome instanceof IdempotentRequests.Fresh fresh) {
            return onSuccess(
                finish.apply(fresh.response(), false), stored -> complete(Replies.toHttp(stored)));
          }
          if (outcome instanceof IdempotentRequests.Replayed replayed) {
            return onSuccess(
                finish.apply(replayed.response(), true),
                stored ->
                    complete(
                        Replies.toHttp(stored)
                            .addHeader(RawHeader.create("Idempotent-Replayed", "true"))));
          }
          if (outcome instanceof IdempotentRequests.KeyReused) {
            return ProblemHandling.complete(Problem.keyReused());
          }
          return ProblemHandling.complete(
              Problem.conflict("a request with this Idempotency-Key is still in progress; retry"));
        });
  }

  private static CompletionStage<StoredResponse> answer(
      Supplier<CompletionStage<StoredResponse>> action) {
    CompletionStage<StoredResponse> stage;
    try {
      stage = action.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.handle(
        (response, failure) -> {
          if (failure == null) {
            return response;
          }
          Problem problem = ProblemHandling.toProblem(failure);
          return Replies.of(problem);
        });
  }

  public static String requestHash(JsonNode body) {
    JsonNode withoutKey = body;
    if (body instanceof ObjectNode object && object.has(BODY_FIELD)) {
      withoutKey = object.deepCopy().without(BODY_FIELD);
    }
    return sha256(Json.canonical(withoutKey));
  }

  private static String sha256(String text) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
