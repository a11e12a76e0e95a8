package dev.calendar.stream.sync;

import dev.calendar.stream.sync.provider.CalendarProvider;
import dev.calendar.stream.sync.provider.ProviderException;
import dev.calendar.stream.sync.provider.TokenVault;
import dev.calendar.stream.sync.provider.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The calls of one task (a sync, a watch, a write) to one provider with one connection's tokens:
 * the access token is refreshed when it is about to expire, or when the provider refuses it (then
 * the call is made once more); the refreshed tokens are kept for the caller to write down.
 */
final class ProviderCalls {
  private final CalendarProvider provider;
  private final TokenVault vault;
  private final Clock clock;
  private final Duration refreshAhead;
  private Tokens tokens;
  private boolean refreshed;

  ProviderCalls(
      CalendarProvider provider,
      TokenVault vault,
      String credentials,
      Clock clock,
      Duration refreshAhead) {
    this.provider = provider;
    this.vault = vault;
    this.clock = clock;
    this.refreshAhead = refreshAhead;
    this.tokens = vault.open(credentials);
  }

  CalendarProvider provider() {
    return provider;
  }

  /** The tokens sealed anew if they were refreshed, else null. */
  synchronized String changedCredentials() {
    return refreshed ? vault.seal(tokens) : null;
  }

  <T> CompletionStage<T> call(Function<String, CompletionStage<T>> call) {
    return fresh()
        .thenCompose(access -> attempt(call, access))
        .exceptionallyCompose(
            e -> {
              if (providerException(e).kind() == ProviderException.Kind.UNAUTHORIZED
                  && !refreshedNow) {
                return refresh().thenCompose(access -> attempt(call, access));
              }
              return CompletableFuture.failedFuture(unwrap(e));
            });
  }

  // Whether this task already refreshed after a refusal (once is enough).
  private boolean refreshedNow;

  private static <T> CompletionStage<T> attempt(
      Function<String, CompletionStage<T>> call, String access) {
    try {
      return call.apply(access);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private synchronized CompletionStage<String> fresh() {
    if (tokens.accessToken() == null
        || tokens.accessExpiresAt() == null
        || tokens.accessExpiresAt().isBefore(clock.instant().plus(refreshAhead))) {
      return refresh();
    }
    return CompletableFuture.completedFuture(tokens.accessToken());
  }

  private synchronized CompletionStage<String> refresh() {
    refreshedNow = true;
    return provider
        .refresh(tokens)
        .thenApply(
            next -> {
              synchronized (this) {
                tokens = next;
                refreshed = true;
              }
              return next.accessToken();
            });
  }

  /** The provider's refusal inside {@code e}, or {@code e} as an unreachable provider. */
  static ProviderException providerException(Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof ProviderException pe) {
      return pe;
    }
    return new ProviderException(
        ProviderException.Kind.UNAVAILABLE, 0, "the provider did not answer: " + cause);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
