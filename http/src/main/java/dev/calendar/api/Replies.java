package dev.calendar.api;

import dev.calendar.store.idempotency.StoredResponse;
import dev.calendar.wire.Json;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Location;

/**
 * Answers built as plain values first (so they can be stored for idempotent replays), then turned
 * into HTTP responses.
 */
public final class Replies {
  private Replies() {}

  public static StoredResponse json(int status, Object body) {
    return new StoredResponse(status, "application/json", Json.write(body), null);
  }

  public static StoredResponse created(Object body, String location) {
    return new StoredResponse(201, "application/json", Json.write(body), location);
  }

  public static StoredResponse of(Problem problem) {
    return new StoredResponse(problem.status(), "application/problem+json", bodyOf(problem), null);
  }

  private static String bodyOf(Problem problem) {
    var entity =
        (org.apache.pekko.http.scaladsl.model.HttpEntity.Strict)
            ProblemHandling.response(problem).entity();
    return entity.getData().utf8String();
  }

  public static HttpResponse toHttp(StoredResponse stored) {
    var contentType =
        stored.contentType().equals("application/problem+json")
            ? ProblemHandling.PROBLEM_JSON
            : ContentTypes.APPLICATION_JSON;
    var response =
        HttpResponse.create().withStatus(stored.status()).withEntity(contentType, stored.body());
    return stored.location() == null
        ? response
        : response.addHeader(Location.create(stored.location()));
  }
}
