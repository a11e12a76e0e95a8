package dev.calendar.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A few HTTP/1.1 clients shared by many callers, as the load programs use them. */
final class HttpClients {
  /** More callers than this share clients: each client keeps its own connection pool. */
  static final int MAX = 4;

  private HttpClients() {}

  /** Fails with a clear message unless the node at {@code url} answers ready. */
  static void checkReady(HttpClient client, String url) throws IOException, InterruptedException {
    URI ready = URI.create(url + "/health/ready");
    try {
      var r =
          client.send(
              HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(ready + " answered " + r.statusCode() + ": " + r.body());
      }
    } catch (ConnectException e) {
      throw new IllegalStateException("no node at " + url + " (start bin/calendar dev)", e);
    }
  }

  static List<HttpClient> forCallers(int callers) {
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX, callers); i++) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build());
    }
    return clients;
  }
}
