package dev.calendar.api;

import dev.calendar.wire.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.directives.RouteDirectives;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single place where failures become HTTP answers: every rejection, exception and domain
 * problem leaves as application/problem+json, and nothing internal (no stack trace) leaks out.
 */
public final class ProblemHandling {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
  private static final RouteDirectives DIRECTIVES = new RouteDirectives() {};

  public static final ContentType.WithFixedCharset PROBLEM_JSON =
      ContentTypes.create(
          MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8));

  private ProblemHandling() {}

  public static HttpResponse response(Problem problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    if (!problem.errors().isEmpty()) {
      body.put("errors", problem.errors());
    }
    body.putAll(problem.extensions());
    List<HttpHeader> headers = new ArrayList<>();
    problem.headers().forEach((name, value) -> headers.add(HttpHeader.parse(name, value)));
    return HttpResponse.create()
        .withStatus(problem.status())
        .withEntity(PROBLEM_JSON, Json.write(body))
        .addHeaders(headers);
  }

  /** Maps any failure (possibly wrapped by a CompletionStage) to a problem. */
  public static Problem toProblem(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof Problem problem) {
      return problem;
    }
    if (cause instanceof EntityStreamSizeException) {
      return Problem.of(413, "Payload too large", "the request body is larger than 1 MiB");
    }
    if (cause instanceof TimeoutException) {
      return Problem.unavailable("the service did not answer in time; retry the request");
    }
    log.error("Unexpected failure while handling a request", cause);
    return Problem.of(500, "Internal error", "an unexpected error occurred");
  }

  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  public static ExceptionHandler exceptionHandler() {
    return ExceptionHandler.newBuilder()
        .matchAny(e -> DIRECTIVES.complete(response(toProblem(e))))
        .build();
  }

  /**
   * Pekko's default rejection handling decides the status (404, 405 with Allow, 413, 415 ...); this
   * only rewrites its plain-text answer as problem+json.
   */
  public static RejectionHandler rejectionHandler() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(ProblemHandling::asProblem);
  }

  private static HttpResponse asProblem(HttpResponse response) {
    if (!(response.entity() instanceof HttpEntity.Strict strict)) {
      return response;
    }
    StatusCode status = response.status();
    String detail = strict.getData().utf8String();
    if (status.intValue() == 404) {
      detail = "no such resource";
    } else if (status.intValue() == 413) {
      detail = "the request body is larger than 1 MiB";
    }
    var problem = Problem.of(status.intValue(), status.reason(), detail);
    return response(problem).addHeaders(response.getHeaders());
  }

  public static Route complete(Problem problem) {
    return DIRECTIVES.complete(response(problem));
  }
}
