package dev.calendar.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Request counts and latencies by route and status, JVM metrics, and the scrape endpoint. */
public final class HttpMetrics extends AllDirectives {
  // Path words of the API; any other segment is a parameter (an id, a slug, a token).
  private static final Set<String> API_WORDS =
      Set.of(
          "users",
          "user",
          "sessions",
          "current",
          "health",
          "alive",
          "ready",
          "metrics",
          "openapi.yaml",
          "events",
          "occurrences",
          "availability",
          "availability-rules",
          "event-types",
          "book",
          "slots",
          "manage",
          "reschedule",
          "calendar.ics",
          "calendar-feed-token",
          "calendar",
          "import",
          "connections",
          "webhook",
          "google",
          "outlook",
          "webhooks",
          "notifications");
  private static final int MAX_SEGMENTS = 6;

  private final PrometheusRegistry registry;
  private final Counter requests;
  private final Histogram latency;

  public HttpMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    this.requests =
        Counter.builder()
            .name("http_requests_total")
            .help("HTTP requests answered, by method, route and status")
            .labelNames("method", "route", "status")
            .register(registry);
    this.latency =
        Histogram.builder()
            .name("http_request_duration_seconds")
            .help("HTTP request latency, by method, route and status")
            .labelNames("method", "route", "status")
            .register(registry);
  }

  /** A registry with the JVM's own metrics, one per process. */
  public static PrometheusRegistry newRegistry() {
    var registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    return registry;
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Wraps the whole API (outside the problem handlers, so it sees the final status). */
  public Route measured(Supplier<Route> inner) {
    return extractRequest(
        request -> {
          long start = System.nanoTime();
          String method = request.method().value();
          String path = request.getUri().path();
          return mapResponse(
              response -> {
                int status = response.status().intValue();
                String route = routeLabel(path, status);
                String code = Integer.toString(status);
                requests.labelValues(method, route, code).inc();
                latency.labelValues(method, route, code).observe((System.nanoTime() - start) / 1e9);
                return response;
              },
              inner);
        });
  }

  /**
   * The route template of a path: parameters become {p}, and unknown paths share one label, so
   * random URLs cannot explode the number of series.
   */
  static String routeLabel(String path, int status) {
    if (status == 404 || status == 405) {
      return "unmatched";
    }
    String[] segments = path.split("/");
    if (segments.length > MAX_SEGMENTS + 1) {
      return "unmatched";
    }
    StringBuilder route = new StringBuilder();
    for (String segment : segments) {
      if (!segment.isEmpty()) {
        route.append('/').append(API_WORDS.contains(segment) ? segment : "{p}");
      }
    }
    return route.length() == 0 ? "/" : route.toString();
  }

  public Route scrapeRoute() {
    return path(
        "metrics",
        () ->
            get(
                () -> {
                  var out = new ByteArrayOutputStream();
                  try {
                    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  return complete(
                      HttpResponse.create()
                          .withEntity(ContentTypes.TEXT_PLAIN_UTF8, out.toByteArray()));
                }));
  }
}
