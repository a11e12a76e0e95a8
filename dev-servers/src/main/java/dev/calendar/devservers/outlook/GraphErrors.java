package dev.calendar.devservers.outlook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.ApiException;
import dev.calendar.devservers.fakeapi.ErrorShape;
import dev.calendar.devservers.fakeapi.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Graph's error bodies: {@code {"error":{"code","message","innerError":{"date","request-id"}}}}.
 */
final class GraphErrors implements ErrorShape {
  static final GraphErrors INSTANCE = new GraphErrors();

  private GraphErrors() {}

  @Override
  public Answer error(int status, String code, String message) {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error").put("code", code).put("message", message);
    error
        .putObject("innerError")
        .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .put("request-id", UUID.randomUUID().toString());
    return Answer.json(status, body);
  }

  @Override
  public ApiException unreadableBody() {
    return exception(400, "BadRequest", "Unable to read JSON request payload.");
  }

  /** For {@code throw GraphErrors.fail(...)} anywhere below a route. */
  static ApiException fail(int status, String code, String message) {
    return INSTANCE.exception(status, code, message);
  }

  static ApiException unauthenticated() {
    return fail(401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
  }

  /** The token endpoint's shape, with the AADSTS code Microsoft puts in front of the text. */
  static Answer oauth(int status, String error, int aadsts, String description) {
    ObjectNode body =
        Json.object()
            .put("error", error)
            .put("error_description", "AADSTS" + aadsts + ": " + description)
            .put("timestamp", Instant.now().toString())
            .put("trace_id", UUID.randomUUID().toString())
            .put("correlation_id", UUID.randomUUID().toString());
    body.putArray("error_codes").add(aadsts);
    return Answer.json(status, body);
  }
}
