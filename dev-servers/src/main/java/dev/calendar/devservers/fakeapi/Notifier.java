package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications (one attempt each, never retried, as both providers may drop them) and keeps
 * every delivery for {@code GET /dev/notifications}: who, what, the status answered (0 for no
 * answer), the time taken and whether it counted as delivered.
 */
public final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  static final int KEPT = 10_000;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Deque<ObjectNode> deliveries = new ArrayDeque<>();

  /**
   * POSTs asynchronously and logs the outcome into {@code entry} (which already names the subject:
   * channelId and state, or subscriptionId and changeType). The request may wait up to {@code
   * timeout}; an answer slower than {@code deadline} counts as failed, as Microsoft judges.
   */
  public void post(
      URI to,
      Map<String, String> headers,
      String jsonBody,
      Duration timeout,
      Duration deadline,
      ObjectNode entry) {
    HttpRequest.Builder request = HttpRequest.newBuilder(to).timeout(timeout);
    headers.forEach(request::header);
    if (jsonBody == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.POST(HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    long started = System.nanoTime();
    client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              long elapsedMs = (System.nanoTime() - started) / 1_000_000;
              int status = response == null ? 0 : response.statusCode();
              boolean ok = status / 100 == 2 && elapsedMs <= deadline.toMillis();
              entry.put("to", to.toString());
              entry.put("status", status);
              entry.put("elapsedMs", elapsedMs);
              entry.put("ok", ok);
              if (failure != null) {
                entry.put("error", failure.toString());
              }
              entry.put("at", Instant.now().toString());
              keep(entry);
              log.info("notification to {} -> {} in {} ms", to, status, elapsedMs);
            });
  }

  /** The HTTP client, for synchronous calls such as Microsoft's validation handshake. */
  public HttpClient client() {
    return client;
  }

  private synchronized void keep(ObjectNode entry) {
    deliveries.addLast(entry);
    while (deliveries.size() > KEPT) {
      deliveries.removeFirst();
    }
  }

  /** Records a delivery done elsewhere (synchronously). */
  public void record(ObjectNode entry) {
    keep(entry);
  }

  public synchronized void clear() {
    deliveries.clear();
  }

  /** {@code {"items":[...]}}, in the order the deliveries finished. */
  public synchronized ObjectNode toJson() {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    deliveries.forEach(e -> items.add(e.deepCopy()));
    return out;
  }
}
