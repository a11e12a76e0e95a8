package dev.calendar.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A few HTTP/1.1 clients shared by many callers, as the load programs use them. */
final class HttpClients {
  /** More callers than this share clients: each client keeps its own connection pool. */
  static final int MAX = 4;

  private HttpClients() {}

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
