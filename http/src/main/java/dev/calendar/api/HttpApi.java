package dev.calendar.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;

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
                        () ->
                            cleanQuery(
                                () ->
                                    concat(metrics.scrapeRoute(), routes.toArray(Route[]::new))))));
  }

  /**
   * Query parameters, names and values, hold no NUL (a percent-encoded {@code %00} arrives as one)
   * and no unpaired surrogate, whatever the route: a 400 naming the parameter.
   */
  private Route cleanQuery(Supplier<Route> inner) {
    return extractUri(
        uri -> {
          List<FieldError> errors = new ArrayList<>();
          for (Pair<String, String> param : uri.query().toList()) {
            String nameFlaw = Text.flaw(param.first());
            String valueFlaw = Text.flaw(param.second());
            if (nameFlaw != null) {
              errors.add(
                  new FieldError(
                      Text.printable(param.first()),
                      "the parameter name must not contain " + nameFlaw));
            } else if (valueFlaw != null) {
              errors.add(new FieldError(param.first(), "must not contain " + valueFlaw));
            }
          }
          if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
          }
          return inner.get();
        });
  }

  public CompletionStage<ServerBinding> bind(ActorSystem<?> system, String host, int port) {
    return Http.get(system)
        .newServerAt(host, port)
        .bind(route())
        .thenApply(binding -> binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system));
  }
}
