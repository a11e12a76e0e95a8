package dev.calendar.stream.notifier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.calendar.stream.outbound.CheckedConnect;
import dev.calendar.stream.outbound.HostResolver;
import dev.calendar.webhook.UrlPolicy;
import dev.calendar.webhook.WebhookSignature;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.ClientTransport;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.UserAgent;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;

/**
 * Webhook delivery (docs/api.md, docs/notifications.md): a signed POST per the Standard Webhooks
 * spec. The {@code webhook-id} is fixed per message and URL, so it is the same on every retry and a
 * receiver can dedupe by it; {@code webhook-timestamp} is the attempt's time, so the signature is
 * fresh on each attempt.
 *
 * <p>Every attempt resolves the host once, checks each address against {@link UrlPolicy}, and
 * connects to the first checked address ({@link CheckedConnect}): the resolution runs inside the
 * connection's transport, so no second lookup happens between check and connect that a hostile DNS
 * server could answer with an internal address (rebinding). TLS still runs on the host name: SNI,
 * certificate and hostname verification, and the Host header all use the name from the URL.
 *
 * <p>Pekko's client, unlike the JDK's, lets us choose the connect address per connection. It
 * follows no redirects (a 3xx is a failure like any other non-2xx). Each origin (scheme, host,
 * port) has one connection pool whose transport resolves and checks at every new connection, so a
 * connection is only ever opened to a checked address and stays there; kept-alive connections are
 * reused by the next messages to that origin. (A pool per attempt, as before, made every webhook
 * start a pool through Pekko's one pool-master actor: about 110 deliveries/s, with idle cores.)
 */
public final class WebhookChannel {
  private final ClassicActorSystemProvider system;
  private final HttpsConnectionContext tls;
  private final Duration timeout;
  private final boolean devMode;
  private final HostResolver resolver;
  private final Executor blocking;
  private final Clock clock;
  private final ConnectionPoolSettings poolSettings;
  private final ClientConnectionSettings connectionSettings;

  /** An origin's pool, and the refusal its checked transport gave last (null: none). */
  private record Origin(
      ConnectionPoolSettings pool, AtomicReference<CheckedConnect.Refused> refusal) {}

  // Bounded: an origin not used for a while is dropped here, and its pool stops when idle.
  private final Cache<String, Origin> origins =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  /**
   * {@code trust}: whose certificates https webhooks may present (normally {@code
   * SSLContext.getDefault()}, the JDK's trust store); the host name is verified against them in any
   * case. {@code timeout}: for the connect and for the answer; {@code blocking}: where {@code
   * resolver} runs (the JDK resolver blocks).
   */
  public WebhookChannel(
      ClassicActorSystemProvider system,
      SSLContext trust,
      Duration timeout,
      boolean devMode,
      HostResolver resolver,
      Executor blocking,
      Clock clock) {
    this.system = system;
    // Pekko's client context turns on endpoint identification ("https") for the engine it
    // creates for the URL's host and port: SNI and hostname verification use the name.
    this.tls = ConnectionContext.httpsClient(trust);
    this.timeout = timeout;
    this.devMode = devMode;
    this.resolver = resolver;
    this.blocking = blocking;
    this.clock = clock;
    this.poolSettings =
        ConnectionPoolSettings.create(system.classicSystem())
            .withMaxConnections(MAX_CONNECTIONS_PER_ORIGIN)
            // Requests waiting for a connection: more than the notifier has in flight at once.
            .withMaxOpenRequests(1024)
            .withMaxRetries(0) // Retries owns retrying
            .withIdleTimeout(Duration.ofMinutes(1));
    this.connectionSettings =
        ClientConnectionSettings.create(system.classicSystem())
            .withConnectingTimeout(timeout)
            .withIdleTimeout(timeout) // a receiver silent this long has not answered
            .withUserAgentHeader(Optional.of(UserAgent.create("calendar-notifier")));
  }

  /** Connections kept per webhook origin (scheme, host, port). */
  static final int MAX_CONNECTIONS_PER_ORIGIN = 16;

  /** {@code body}: the finished JSON, {@code {"type", "timestamp", "data"}}. */
  public CompletionStage<Void> send(String url, String secret, String webhookId, String body) {
    URI uri = UrlPolicy.parse(url).uri();
    if (uri == null) {
      throw DeliveryFailure.permanent("webhook URL refused: " + UrlPolicy.parse(url).problem());
    }
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.POST(uri.toString())
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body))
            .addHeaders(
                List.of(
                    RawHeader.create("webhook-id", webhookId),
                    RawHeader.create("webhook-timestamp", Long.toString(timestamp)),
                    RawHeader.create(
                        "webhook-signature",
                        WebhookSignature.sign(secret, webhookId, timestamp, body))));
    Origin origin = origins.get(originOf(uri), key -> checkedOrigin(uri));
    return Http.get(system.classicSystem())
        .singleRequest(request, tls, origin.pool(), system.classicSystem().log())
        .handle(
            (response, error) -> {
              if (error != null) {
                throw failure(uri, origin.refusal().get(), error);
              }
              // Always drain the answer: an unread entity would hold the connection.
              response.discardEntityBytes(system);
              return check(uri, response);
            });
  }

  private static String originOf(URI uri) {
    return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + hostOf(uri);
  }

  /**
   * The pool of {@code uri}'s origin: every connection it opens first resolves the host once and
   * checks every address; our verdict (refused, or no such name) is kept for the answer, as the
   * pool may wrap it.
   */
  private Origin checkedOrigin(URI uri) {
    AtomicReference<CheckedConnect.Refused> refusal = new AtomicReference<>();
    ClientTransport checkedConnect =
        CheckedConnect.transport(
            uri, CheckedConnect.Policy.urlPolicy(devMode), resolver, blocking, refusal);
    return new Origin(
        poolSettings.withConnectionSettings(connectionSettings.withTransport(checkedConnect)),
        refusal);
  }

  private DeliveryFailure failure(URI uri, CheckedConnect.Refused refusal, Throwable error) {
    if (refusal != null) {
      return failure(refusal);
    }
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CheckedConnect.Refused r) {
      return failure(r);
    }
    if (cause instanceof DeliveryFailure f) {
      return f;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return DeliveryFailure.retryable(
            "no answer from " + hostOf(uri) + " within " + timeout.toSeconds() + " s");
      }
    }
    return DeliveryFailure.retryable(
        "cannot reach " + hostOf(uri) + ": " + cause.getClass().getSimpleName());
  }

  /** "webhook URL refused: …" (permanent) or "webhook host … does not resolve". */
  private static DeliveryFailure failure(CheckedConnect.Refused refusal) {
    String message = "webhook " + refusal.getMessage();
    return refusal.isPermanent()
        ? DeliveryFailure.permanent(message)
        : DeliveryFailure.retryable(message);
  }

  private static Void check(URI uri, HttpResponse response) {
    int status = response.status().intValue();
    if (status < 200 || status > 299) {
      throw DeliveryFailure.retryable(hostOf(uri) + " answered HTTP " + status);
    }
    return null;
  }

  private static String hostOf(URI url) {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }
}
