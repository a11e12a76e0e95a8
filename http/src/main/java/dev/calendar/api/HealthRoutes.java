package dev.calendar.api;

import dev.calendar.wire.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /health/alive} (the process answers) and {@code /health/ready} (all checks pass). */
public final class HealthRoutes extends AllDirectives {
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

  private final List<ReadinessCheck> checks;

  public HealthRoutes(List<ReadinessCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  public Route route() {
    return pathPrefix(
        "health",
        () ->
            concat(
                path("alive", () -> get(() -> json(200, Map.of("status", "alive")))),
                path("ready", () -> get(() -> onSuccess(runChecks(), this::readiness)))));
  }

  private CompletableFuture<Map<String, Boolean>> runChecks() {
    Map<String, CompletableFuture<Boolean>> running = new LinkedHashMap<>();
    for (ReadinessCheck check : checks) {
      // A fresh future: some clients (Kafka's) refuse to let callers complete theirs.
      CompletableFuture<Boolean> result = new CompletableFuture<>();
      try {
        check.check().whenComplete((ok, failure) -> result.complete(failure == null && ok));
      } catch (RuntimeException e) {
        result.complete(false);
      }
      running.put(
          check.name(),
          result.completeOnTimeout(false, CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }
    return CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              Map<String, Boolean> results = new LinkedHashMap<>();
              running.forEach((name, future) -> results.put(name, future.join()));
              return results;
            });
  }

  private Route readiness(Map<String, Boolean> results) {
    boolean ready = results.values().stream().allMatch(Boolean::booleanValue);
    Map<String, Object> checkStates = new LinkedHashMap<>();
    results.forEach((name, ok) -> checkStates.put(name, ok ? "up" : "down"));
    if (ready) {
      return json(200, new ReadyBody("ready", checkStates)); // a record: fields in a fixed order
    }
    var problem =
        new Problem(
            503,
            "Not ready",
            "not ready: " + String.join(", ", down(results)),
            List.of(),
            Map.of("checks", checkStates),
            Map.of("Retry-After", "5"));
    return ProblemHandling.complete(problem);
  }

  private record ReadyBody(String status, Map<String, Object> checks) {}

  private static List<String> down(Map<String, Boolean> results) {
    return results.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
  }

  private Route json(int status, Object body) {
    return complete(
        HttpResponse.create()
            .withStatus(status)
            .withEntity(ContentTypes.APPLICATION_JSON, Json.write(body)));
  }
}
