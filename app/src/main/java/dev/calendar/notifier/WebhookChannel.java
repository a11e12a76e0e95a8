package dev.calendar.notifier;

import dev.calendar.webhook.UrlPolicy;
import dev.calendar.webhook.WebhookSignature;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Webhook delivery (API.md): a signed POST per the Standard Webhooks spec. The {@code webhook-id}
 * is fixed per message and URL, so it is the same on every retry and a receiver can dedupe by it;
 * {@code webhook-timestamp} is the attempt's time, so the signature is fresh on each attempt.
 * Before every attempt the host is resolved again and each address checked against {@link
 * UrlPolicy}: a subscription cannot be aimed at our own network by changing its DNS later.
 */
public final class WebhookChannel {
  private final ProviderClient client;
  private final boolean devMode;
  private final Executor blocking;
  private final Clock clock;

  /** {@code blocking}: where host names are resolved (the JDK resolver blocks). */
  public WebhookChannel(ProviderClient client, boolean devMode, Executor blocking, Clock clock) {
    this.client = client;
    this.devMode = devMode;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** {@code body}: the finished JSON, {@code {"type", "timestamp", "data"}}. */
  public CompletionStage<Void> send(String url, String secret, String webhookId, String body) {
    URI uri = UrlPolicy.parse(url).uri();
    if (uri == null) {
      throw DeliveryFailure.permanent("webhook URL refused: " + UrlPolicy.parse(url).problem());
    }
    return CompletableFuture.supplyAsync(() -> resolve(uri), blocking)
        .thenCompose(
            addresses -> {
              var violation = UrlPolicy.violation(uri, addresses, devMode);
              if (violation.isPresent()) {
                throw DeliveryFailure.permanent("webhook URL refused: " + violation.get());
              }
              long timestamp = clock.instant().getEpochSecond();
              return client.post(
                  uri,
                  body,
                  Map.of(
                      "webhook-id", webhookId,
                      "webhook-timestamp", Long.toString(timestamp),
                      "webhook-signature",
                          WebhookSignature.sign(secret, webhookId, timestamp, body)));
            });
  }

  private static List<InetAddress> resolve(URI uri) {
    try {
      return List.of(InetAddress.getAllByName(uri.getHost()));
    } catch (UnknownHostException e) {
      // DNS may come back; a name that never resolves runs out of attempts.
      throw new CompletionException(
          DeliveryFailure.retryable("webhook host " + uri.getHost() + " does not resolve"));
    }
  }
}
