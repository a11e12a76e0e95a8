package dev.calendar.api;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.DefaultParsingErrorHandler$;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.HttpEntity;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Requests too malformed to reach a route (a header or URI over the limits, conflicting lengths, an
 * unknown HTTP version ...) are refused by pekko-http's parser; this renders its answer as
 * problem+json like every other error. Set as {@code pekko.http.server.parsing.error-handler}.
 */
public final class ParsingProblems extends ParsingErrorHandler {
  private static final ParsingErrorHandler DEFAULT = DefaultParsingErrorHandler$.MODULE$;

  public ParsingProblems() {}

  @Override
  public HttpResponse handle(
      StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    // The default logs as configured and words the error (verbose-error-messages); keep both.
    HttpResponse plain = DEFAULT.handle(status, info, log, settings);
    String detail =
        plain.entity() instanceof HttpEntity.Strict strict ? strict.data().utf8String() : "";
    if (detail.isBlank()) {
      detail = status.reason();
    }
    return ProblemHandling.response(Problem.of(status.intValue(), status.reason(), detail))
        .addHeaders(plain.getHeaders());
  }
}
