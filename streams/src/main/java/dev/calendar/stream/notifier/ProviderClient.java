package dev.calendar.stream.notifier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * JSON POSTs to the SMS and push providers (trusted configuration) with the JDK client: no
 * redirects (a redirect could lead anywhere, including inside our network), a timeout on connect
 * and on the answer, and its own executor rather than the common pool. Any 2xx is success; any
 * other answer, or none, is a retryable failure.
 */
public final class ProviderClient {
  private final HttpClient client;
  private final Duration timeout;
  private final Executor executor;

  public ProviderClient(Duration timeout, Executor executor) {
    this.timeout = timeout;
    this.executor = executor;
    this.client =
        HttpClient.newBuilder()
            // No h2c upgrade dance on plain-http receivers; kept-alive HTTP/1.1 connections.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .executor(executor)
            .build();
  }

  /** Completes on a 2xx; fails with a {@link DeliveryFailure} naming the status or the error. */
  public CompletionStage<Void> post(URI url, String json, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "calendar-notifier")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .handleAsync(
            (response, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                if (cause instanceof HttpTimeoutException) {
                  throw DeliveryFailure.retryable(
                      "no answer from " + hostOf(url) + " within " + timeout.toSeconds() + " s");
                }
                throw DeliveryFailure.retryable(
                    "cannot reach " + hostOf(url) + ": " + cause.getClass().getSimpleName());
              }
              int status = response.statusCode();
              if (status < 200 || status > 299) {
                throw DeliveryFailure.retryable(hostOf(url) + " answered HTTP " + status);
              }
              return null;
            },
            executor);
  }

  private static String hostOf(URI url) {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }
}
