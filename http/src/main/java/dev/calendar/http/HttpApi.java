package dev.calendar.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Puts the feature routes behind metrics and the one problem+json mapping, and binds them. */
public final class HttpApi extends AllDirectives {
  private final HttpMetrics metrics;
  private final List<Route> routes;

  public HttpApi(HttpMetrics metrics, List<Route> routes) {
    this.metrics = metrics;
    this.routes = List.copyOf(routes);
  }

  public Route route() {
    return metrics.measured(
        () ->
            handleExceptions(
                ProblemHandling.exceptionHandler(),
                () ->
                    handleRejections(
                        ProblemHandling.rejectionHandler(),
                        () -> concat(metrics.scrapeRoute(), routes.toArray(Route[]::new)))));
  }

  public CompletionStage<ServerBinding> bind(ActorSystem<?> system, String host, int port) {
    return Http.get(system)
        .newServerAt(host, port)
        .bind(route())
        .thenApply(binding -> binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system));
  }
}
