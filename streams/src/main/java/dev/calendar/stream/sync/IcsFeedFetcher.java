package dev.calendar.stream.sync;

import dev.calendar.connection.FeedUrl;
import dev.calendar.stream.outbound.CappedBody;
import dev.calendar.stream.outbound.CheckedConnect;
import dev.calendar.stream.outbound.HostResolver;
import dev.calendar.stream.outbound.RetryAfter;
import dev.calendar.stream.sync.FetchResult.Changed;
import dev.calendar.stream.sync.FetchResult.Failed;
import dev.calendar.stream.sync.FetchResult.NotModified;
import dev.calendar.webhook.UrlPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.OutgoingConnectionBuilder;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.UserAgent;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Fetches a subscribed ICS feed: one conditional GET, redirects followed by hand, every hop's
 * connection opened only to an address the service's {@link UrlPolicy} allows.
 *
 * <p>Like webhook delivery, each connection resolves the host once, checks every address and
 * connects to the checked one ({@link CheckedConnect}), so a DNS answer that changes between check
 * and connect (rebinding) cannot aim the fetch at an internal address; a redirect's target is a new
 * connection and is checked the same way. {@code webcal://} and {@code webcals://} are read as
 * {@code https://}.
 *
 * <p>Every fetch opens its own connections (a feed is polled every few minutes at most, so there is
 * nothing to keep alive) and closes them when done. The whole fetch, redirects and body included,
 * has {@link Settings#requestTimeout()}; the body is read as it arrives and cut at {@link
 * Settings#maxBodyBytes()}, so neither a slow nor an endless feed holds more than that.
 */
public final class IcsFeedFetcher {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /**
   * @param connectTimeout for each connection (lookup excluded)
   * @param requestTimeout for the whole fetch: every hop, headers and body
   * @param maxBodyBytes a bigger feed fails (permanent); 1 MiB caps request bodies to the API too
   * @param maxRedirects how many redirects one fetch follows
   */
  public record Settings(
      Duration connectTimeout, Duration requestTimeout, long maxBodyBytes, int maxRedirects) {
    public static final Settings DEFAULT =
        new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), 1024 * 1024, 5);

    public Settings {
      if (connectTimeout.isNegative()
          || connectTimeout.isZero()
          || requestTimeout.isNegative()
          || requestTimeout.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
      if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE || maxRedirects < 0) {
        throw new IllegalArgumentException("maxBodyBytes or maxRedirects out of range");
      }
    }
  }

  private final ClassicActorSystemProvider system;
  private final Http http;
  private final HttpsConnectionContext tls;
  private final Settings settings;
  private final CheckedConnect.Policy policy;
  private final HostResolver resolver;
  private final Executor blocking;
  private final Clock clock;
  private final ClientConnectionSettings connectionSettings;

  /**
   * {@code trust}: whose certificates feeds may present (normally {@code SSLContext.getDefault()});
   * {@code devMode}: the policy also allows loopback, over http too; {@code blocking}: where {@code
   * resolver} runs (the JDK resolver blocks); {@code clock}: for a {@code Retry-After} date.
   */
  public IcsFeedFetcher(
      ClassicActorSystemProvider system,
      SSLContext trust,
      Settings settings,
      boolean devMode,
      HostResolver resolver,
      Executor blocking,
      Clock clock) {
    this(
        system,
        trust,
        settings,
        CheckedConnect.Policy.urlPolicy(devMode),
        resolver,
        blocking,
        clock);
  }

  /** With another address policy than {@link UrlPolicy}'s: for tests. */
  IcsFeedFetcher(
      ClassicActorSystemProvider system,
      SSLContext trust,
      Settings settings,
      CheckedConnect.Policy policy,
      HostResolver resolver,
      Executor blocking,
      Clock clock) {
    this.system = system;
    this.http = Http.get(system.classicSystem());
    // Endpoint identification on: SNI and hostname verification use the URL's host name.
    this.tls = ConnectionContext.httpsClient(trust);
    this.settings = settings;
    this.policy = policy;
    this.resolver = resolver;
    this.blocking = blocking;
    this.clock = clock;
    this.connectionSettings =
        ClientConnectionSettings.create(system.classicSystem())
            .withConnectingTimeout(settings.connectTimeout())
            .withUserAgentHeader(Optional.of(UserAgent.create("calendar-feeds")));
  }

  /**
   * Fetches {@code url}, conditionally when {@code previous} has validators. Never fails: every
   * problem is a {@link Failed}.
   */
  public CompletionStage<FetchResult> fetch(String url, Validators previous) {
    URI uri;
    try {
      uri = FeedUrl.toFetch(url);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Failed.permanent(e.getMessage()));
    }
    Validators validators = previous == null ? Validators.NONE : previous;
    // Stops whatever stream of this fetch still runs: the connection and the body being read.
    SharedKillSwitch cut = KillSwitches.shared("ics-feed");
    CompletableFuture<FetchResult> result = new CompletableFuture<>();
    hop(uri, validators, 0, cut)
        .whenComplete(
            (r, e) ->
                result.complete(
                    r != null ? r : Failed.retryable("fetch failed: " + message(e, null))));
    result.completeOnTimeout(
        Failed.retryable(
            "no complete answer from "
                + hostOf(uri)
                + " within "
                + settings.requestTimeout().toSeconds()
                + " s"),
        settings.requestTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
    result.whenComplete((r, e) -> cut.abort(new TimeoutException("ICS feed fetch ended")));
    return result;
  }

  /** One request, to {@code uri}, after {@code redirects} redirects. Never fails. */
  private CompletionStage<FetchResult> hop(
      URI uri, Validators validators, int redirects, SharedKillSwitch cut) {
    AtomicReference<CheckedConnect.Refused> refusal = new AtomicReference<>();
    CompletionStage<FetchResult> answered;
    try {
      answered =
          response(uri, validators, refusal, cut)
              .thenCompose(response -> answer(uri, response, validators, redirects, cut));
    } catch (RuntimeException e) {
      answered = CompletableFuture.failedFuture(e);
    }
    return answered.exceptionally(error -> failure(uri, refusal.get(), error));
  }

  /** The response to a GET of {@code uri}, on a connection of its own to a checked address. */
  private CompletionStage<HttpResponse> response(
      URI uri,
      Validators validators,
      AtomicReference<CheckedConnect.Refused> refusal,
      SharedKillSwitch cut) {
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    OutgoingConnectionBuilder builder =
        http.connectionTo(uri.getHost())
            .toPort(uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80)
            .withClientConnectionSettings(
                connectionSettings.withTransport(
                    CheckedConnect.transport(uri, policy, resolver, blocking, refusal)));
    var connection = https ? builder.withCustomHttpsConnectionContext(tls).https() : builder.http();
    List<HttpHeader> headers = new ArrayList<>();
    headers.add(RawHeader.create("Accept", "text/calendar, */*;q=0.5"));
    if (validators.etag() != null) {
      headers.add(RawHeader.create("If-None-Match", validators.etag()));
    }
    if (validators.lastModified() != null) {
      headers.add(RawHeader.create("If-Modified-Since", validators.lastModified()));
    }
    // Origin form (path and query): the connection's host goes in the Host header. Servers must
    // take the absolute form too (RFC 9112), yet some answer it with 404.
    HttpRequest request = HttpRequest.GET(originForm(uri)).addHeaders(headers);
    // Not Sink.head: cancelling the responses right after the first could cut its entity short.
    CompletableFuture<HttpResponse> response = new CompletableFuture<>();
    Source.single(request)
        .via(connection)
        .via(cut.<HttpResponse>flow())
        .runWith(Sink.foreach(response::complete), system)
        .whenComplete(
            (done, error) ->
                response.completeExceptionally(
                    error != null ? error : new IllegalStateException("connection closed")));
    return response;
  }

  private CompletionStage<FetchResult> answer(
      URI uri, HttpResponse response, Validators validators, int redirects, SharedKillSwitch cut) {
    int status = response.status().intValue();
    if (status >= 200 && status <= 299) {
      return body(uri, response, cut);
    }
    // Nothing else needs the body: stop it (draining an endless one would never end).
    response.entity().getDataBytes().runWith(Sink.cancelled(), system);
    if (status == 304) {
      return CompletableFuture.completedFuture(new NotModified());
    }
    if (REDIRECTS.contains(status)) {
      return redirect(uri, response, validators, redirects, cut);
    }
    String answered = hostOf(uri) + " answered HTTP " + status;
    if (status == 404 || status == 410) {
      return CompletableFuture.completedFuture(Failed.permanent(answered));
    }
    Duration retryAfter =
        status == 429 || status >= 500
            ? response
                .getHeader("Retry-After")
                .map(h -> RetryAfter.parse(h.value(), clock))
                .orElse(null)
            : null;
    return CompletableFuture.completedFuture(new Failed(answered, false, retryAfter));
  }

  private CompletionStage<FetchResult> redirect(
      URI uri, HttpResponse response, Validators validators, int redirects, SharedKillSwitch cut) {
    if (redirects >= settings.maxRedirects()) {
      return CompletableFuture.completedFuture(
          Failed.permanent(
              "feed redirects more than " + settings.maxRedirects() + " times, last from " + uri));
    }
    Optional<String> location = response.getHeader("Location").map(HttpHeader::value);
    if (location.isEmpty()) {
      return CompletableFuture.completedFuture(
          Failed.retryable(
              hostOf(uri)
                  + " answered HTTP "
                  + response.status().intValue()
                  + " without Location"));
    }
    URI target;
    try {
      target = FeedUrl.toFetch(uri.resolve(new URI(location.get())).toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          Failed.permanent(
              "redirect from " + hostOf(uri) + " refused: " + message(e, location.get())));
    }
    return hop(target, validators, redirects + 1, cut);
  }

  /** A 2xx: its body, read as it arrives and cut at the cap. */
  private CompletionStage<FetchResult> body(URI uri, HttpResponse response, SharedKillSwitch cut) {
    HttpEntity entity = response.entity();
    long max = settings.maxBodyBytes();
    OptionalLong length = entity.getContentLengthOption();
    if (length.isPresent() && length.getAsLong() > max) {
      entity.getDataBytes().runWith(Sink.cancelled(), system);
      return CompletableFuture.completedFuture(tooLarge());
    }
    Charset charset = charsetOf(entity);
    Validators validators =
        new Validators(
            response.getHeader("ETag").map(HttpHeader::value).orElse(null),
            response.getHeader("Last-Modified").map(HttpHeader::value).orElse(null));
    return entity
        .getDataBytes()
        .via(cut.<ByteString>flow())
        .runWith(CappedBody.atMost(max), system)
        .thenApply(bytes -> changed(bytes.decodeString(charset), validators));
  }

  private static FetchResult changed(String decoded, Validators validators) {
    String body = CalendarHeader.withoutBom(decoded);
    if (!CalendarHeader.isCalendar(body)) {
      return Failed.permanent("not an iCalendar file (it does not begin with BEGIN:VCALENDAR)");
    }
    return new Changed(body, validators, CalendarHeader.refreshInterval(body));
  }

  private Failed tooLarge() {
    return Failed.permanent("the feed is larger than " + settings.maxBodyBytes() + " bytes");
  }

  /** The body is over the cap: fails the stream reading it, which closes the connection. */
  /** The charset the Content-Type names, else UTF-8. */
  private static Charset charsetOf(HttpEntity entity) {
    try {
      return entity
          .getContentType()
          .getCharsetOption()
          .map(c -> c.nioCharset())
          .orElse(StandardCharsets.UTF_8);
    } catch (RuntimeException unsupported) {
      return StandardCharsets.UTF_8;
    }
  }

  private FetchResult failure(URI uri, CheckedConnect.Refused refusal, Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (refusal == null && cause instanceof CheckedConnect.Refused r) {
      refusal = r;
    }
    if (refusal != null) {
      return new Failed("feed " + refusal.getMessage(), refusal.isPermanent(), null);
    }
    if (cause instanceof CappedBody.TooLarge) {
      return tooLarge();
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return Failed.retryable(
            "no answer from "
                + hostOf(uri)
                + " within "
                + settings.requestTimeout().toSeconds()
                + " s");
      }
    }
    return Failed.retryable("cannot reach " + hostOf(uri) + ": " + message(cause, null));
  }

  /** The request target for {@code uri}: its raw path (at least /) and query, no fragment. */
  static String originForm(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private static String message(Throwable e, String subject) {
    String detail = e instanceof URISyntaxException ? "not a URL" : e.getMessage();
    String text = detail == null ? e.getClass().getSimpleName() : detail;
    return subject == null ? text : text + " (" + subject + ")";
  }

  private static String hostOf(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
