package dev.calendar.stream.sync.provider;

import dev.calendar.stream.sync.provider.ProviderException.Kind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** Helpers so every provider stage fails with a bare {@link ProviderException}, as promised. */
public final class Stages {
  private Stages() {}

  /** The cause under the {@link CompletionException}s that stage chaining wraps around it. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * {@code stage}, failing with the {@link ProviderException} itself rather than wrapped; any other
   * failure (an answer of an unexpected shape) becomes a {@code REJECTED} one naming the provider.
   */
  public static <T> CompletionStage<T> settled(String provider, CompletionStage<T> stage) {
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete(
        (value, error) -> {
          if (error == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(asProviderException(provider, unwrap(error)));
          }
        });
    return result;
  }

  /** Fails with the bare exception: a ready stage for a refusal made before any request. */
  public static <T> CompletionStage<T> failed(ProviderException error) {
    return CompletableFuture.failedFuture(error);
  }

  /**
   * {@code stage}, with a failure {@code recovered} accepts turned into {@code value}: a delete or
   * stop of something already gone is done.
   */
  public static <T> CompletionStage<T> recover(
      CompletionStage<T> stage, Predicate<ProviderException> recovered, T value) {
    return stage.exceptionallyCompose(
        error -> {
          Throwable cause = unwrap(error);
          if (cause instanceof ProviderException known && recovered.test(known)) {
            return CompletableFuture.completedFuture(value);
          }
          return CompletableFuture.failedFuture(cause);
        });
  }

  /** Whether {@code error} is a provider failure of this {@code kind}. */
  public static boolean is(Throwable error, Kind kind) {
    return unwrap(error) instanceof ProviderException known && known.kind() == kind;
  }

  private static ProviderException asProviderException(String provider, Throwable error) {
    if (error instanceof ProviderException known) {
      return known;
    }
    String detail = error.getMessage() == null ? "" : ": " + error.getMessage();
    return new ProviderException(
        Kind.REJECTED,
        0,
        provider
            + " answered what cannot be read ("
            + error.getClass().getSimpleName()
            + detail
            + ")");
  }
}
