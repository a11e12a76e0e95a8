package dev.calendar.stream.sync.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.stream.outbound.CappedBody;
import dev.calendar.stream.outbound.RetryAfter;
import dev.calendar.stream.sync.provider.ProviderException.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaRanges;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.Accept;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The request, answer and error handling both providers share: one HTTP request through Pekko's
 * pooled client, its whole answer read under {@link ProviderSettings#requestTimeout()} and cut at
 * {@link ProviderSettings#maxResponseBytes()}, a 2xx read as JSON and anything else turned into a
 * {@link ProviderException} by the provider's {@link ErrorKinds}.
 *
 * <p>Messages name the provider, the status and the provider's own words; never a URL's query (it
 * may hold a sync cursor), a header or a token.
 */
public final class ProviderHttp {
  private final ClassicActorSystemProvider system;
  private final Http http;
  private final String provider;
  private final ProviderSettings settings;
  private final Clock clock;

  public ProviderHttp(
      ClassicActorSystemProvider system, String provider, ProviderSettings settings, Clock clock) {
    this.system = system;
    this.http = Http.get(system.classicSystem());
    this.provider = provider;
    this.settings = settings;
    this.clock = clock;
  }

  /** An answer read whole: its status, body and {@code Retry-After} (parsed; null if none). */
  record Answer(int status, String body, Duration retryAfter) {
    boolean success() {
      return status >= 200 && status <= 299;
    }
  }

  /**
   * An API call with the user's access token and a JSON body (or none): the answer's JSON (a {@code
   * MissingNode} for an empty 2xx), or a {@link ProviderException} by {@code kinds}.
   */
  public CompletionStage<JsonNode> call(
      HttpMethod method,
      String url,
      String accessToken,
      JsonNode body,
      List<HttpHeader> headers,
      ErrorKinds kinds) {
    HttpRequest request;
    try {
      request = HttpRequest.create().withUri(url);
    } catch (RuntimeException badUrl) {
      // Pekko's URI parser is stricter than the JDK's: a link it cannot send is a refusal.
      return CompletableFuture.failedFuture(
          new ProviderException(Kind.REJECTED, 0, provider + ": not a URL that can be requested"));
    }
    request =
        request
            .withMethod(method)
            .addHeader(Authorization.oauth2(accessToken))
            .addHeader(Accept.create(MediaRanges.create(MediaTypes.APPLICATION_JSON)))
            .addHeaders(headers);
    if (body != null) {
      request = request.withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, bytes(body)));
    }
    return json(request, kinds);
  }

  /** A form-encoded POST without a user's token: the OAuth token endpoint. */
  public CompletionStage<JsonNode> postForm(
      String url, Map<String, String> form, ErrorKinds kinds) {
    HttpRequest request =
        HttpRequest.POST(url)
            .withEntity(
                HttpEntities.create(
                    ContentTypes.APPLICATION_X_WWW_FORM_URLENCODED,
                    formBody(form).getBytes(StandardCharsets.UTF_8)));
    return json(request, kinds);
  }

  /** {@code name=value&…}, each part percent-encoded as forms are. */
  public static String formBody(Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach((name, value) -> body.add(encode(name) + "=" + encode(value)));
    return body.toString();
  }

  /** A query parameter's value or a form field, percent-encoded ({@code +} for a space). */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A path segment (an event or subscription id): anything but unreserved characters encoded. */
  public static String segment(String value) {
    // URLEncoder's form encoding, except that a space in a path is %20, not +.
    return encode(value).replace("+", "%20").replace("*", "%2A");
  }

  private CompletionStage<JsonNode> json(HttpRequest request, ErrorKinds kinds) {
    return exchange(request)
        .thenApply(
            answer -> {
              if (!answer.success()) {
                ProviderError error =
                    ProviderError.read(answer.status(), answer.body(), answer.retryAfter());
                throw error.toException(provider, kinds.kindOf(error));
              }
              if (answer.body().isBlank()) {
                return ProviderJson.parseOrMissing("");
              }
              JsonNode node = ProviderJson.parseOrMissing(answer.body());
              if (node.isMissingNode()) {
                // A proxy's or captive portal's page, most likely: passing, so worth a retry.
                throw new ProviderException(
                    Kind.UNAVAILABLE,
                    answer.status(),
                    provider
                        + " answered HTTP "
                        + answer.status()
                        + " with a body that is not JSON");
              }
              return node;
            });
  }

  /** One request and its whole answer, whatever the status; fails only for no (whole) answer. */
  CompletionStage<Answer> exchange(HttpRequest request) {
    long timeout = settings.requestTimeout().toMillis();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    http.singleRequest(request)
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                answer.completeExceptionally(error);
              } else if (answer.isDone()) {
                // Timed out already: drain it, or its connection stays taken in the pool.
                response.discardEntityBytes(system);
              } else {
                read(response, timeout, answer);
              }
            });
    answer.orTimeout(timeout, TimeUnit.MILLISECONDS);
    return answer.exceptionally(
        error -> {
          throw noAnswer(Stages.unwrap(error));
        });
  }

  private void read(HttpResponse response, long timeout, CompletableFuture<Answer> answer) {
    int status = response.status().intValue();
    Duration retryAfter =
        response
            .getHeader("Retry-After")
            .map(header -> RetryAfter.parse(header.value(), clock))
            .orElse(null);
    OptionalLong length = response.entity().getContentLengthOption();
    if (length.isPresent() && length.getAsLong() > settings.maxResponseBytes()) {
      // Refused unread: cancelling closes the connection rather than drain a body we refuse.
      response.entity().getDataBytes().runWith(Sink.cancelled(), system);
      answer.completeExceptionally(tooLarge());
      return;
    }
    // Read as it arrives and cut at the cap ourselves: Pekko's own limit fails with a generic
    // stream error that cannot be told apart from a broken connection.
    long max = settings.maxResponseBytes();
    response
        .entity()
        .withoutSizeLimit()
        .getDataBytes()
        .completionTimeout(Duration.ofMillis(timeout))
        .runWith(CappedBody.atMost(max), system)
        .whenComplete(
            (bytes, error) -> {
              if (error != null) {
                answer.completeExceptionally(error);
              } else {
                answer.complete(new Answer(status, bytes.utf8String(), retryAfter));
              }
            });
  }

  /** The answer is over the cap: fails the stream reading it, which closes the connection. */
  private ProviderException noAnswer(Throwable error) {
    if (error instanceof ProviderException known) {
      return known;
    }
    if (error instanceof TimeoutException) {
      return new ProviderException(
          Kind.UNAVAILABLE,
          0,
          provider + ": no answer within " + settings.requestTimeout().toMillis() + " ms");
    }
    if (error instanceof CappedBody.TooLarge) {
      return tooLarge();
    }
    String detail = error.getMessage() == null ? "" : ": " + error.getMessage();
    return new ProviderException(
        Kind.UNAVAILABLE,
        0,
        provider
            + ": cannot reach the provider ("
            + error.getClass().getSimpleName()
            + detail
            + ")");
  }

  /** Asking again would bring the same: a refusal, not an outage. */
  private ProviderException tooLarge() {
    return new ProviderException(
        Kind.REJECTED,
        0,
        provider + ": answer larger than " + settings.maxResponseBytes() + " bytes");
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return ProviderJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written", e);
    }
  }
}
