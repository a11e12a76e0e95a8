package dev.calendar.api;

import dev.calendar.webhook.UrlPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Whether the service may call a URL a user gave (a webhook, a feed): its host resolved on the
 * blocking executor (the JDK resolver blocks), every address judged by {@link UrlPolicy}. The
 * outbound connection checks again when it connects; this check is for a clear 400 at once.
 */
public final class UrlChecks {
  /** Every address of a host; empty when it does not resolve. */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String host);
  }

  public static final Resolver DNS =
      host -> {
        try {
          return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
          return List.of();
        }
      };

  private final Resolver resolver;
  private final Executor blocking;
  private final boolean devMode;

  public UrlChecks(Resolver resolver, Executor blocking, boolean devMode) {
    this.resolver = resolver;
    this.blocking = blocking;
    this.devMode = devMode;
  }

  /** Why the service may not call {@code uri}; empty when it may. */
  public CompletionStage<Optional<String>> problem(URI uri) {
    return CompletableFuture.supplyAsync(() -> resolver.resolve(uri.getHost()), blocking)
        .thenApply(addresses -> UrlPolicy.violation(uri, addresses, devMode));
  }
}
