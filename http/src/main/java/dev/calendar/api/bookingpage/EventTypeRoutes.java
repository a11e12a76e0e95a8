package dev.calendar.api.bookingpage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.Authentication;
import dev.calendar.api.Caller;
import dev.calendar.api.Idempotency;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Problem;
import dev.calendar.api.Replies;
import dev.calendar.bookingpage.EventType;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /users/{id}/event-types} and {@code /users/{id}/event-types/{slug}}: one's own booking
 * pages, created, listed, read, replaced and deleted. A slug that cannot be one is a 404 like any
 * slug without a type.
 */
public final class EventTypeRoutes extends AllDirectives {
  private static final String NOT_YOURS = "you can only manage your own event types";

  private final EventTypeService types;
  private final Authentication auth;
  private final Idempotency idempotency;
  private final String publicBaseUrl;

  /** {@code publicBaseUrl}: where clients reach the service, the start of each bookingUrl. */
  public EventTypeRoutes(
      EventTypeService types, Authentication auth, Idempotency idempotency, String publicBaseUrl) {
    this.types = types;
    this.auth = auth;
    this.idempotency = idempotency;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("event-types"),
            idText ->
                auth.authenticated(
                    caller ->
                        concat(
                            post(() -> create(caller, idText)), get(() -> list(caller, idText))))),
        path(
            PathMatchers.segment("users")
                .slash(PathMatchers.segment())
                .slash("event-types")
                .slash(PathMatchers.segment()),
            (idText, slugText) ->
                auth.authenticated(
                    caller ->
                        concat(
                            get(() -> show(caller, idText, slugText)),
                            put(() -> replace(caller, idText, slugText)),
                            delete(() -> remove(caller, idText, slugText))))));
  }

  private Route create(Caller caller, String idText) {
    UUID ownerId = caller.ownId(idText, NOT_YOURS);
    return JsonBodies.route(
        body ->
            withDraft(
                ownerId,
                body,
                draft ->
                    idempotency.withKey(
                        body,
                        false,
                        key ->
                            idempotency.run(
                                Idempotency.Scope.of(
                                    caller, "POST /users/" + ownerId + "/event-types"),
                                key,
                                body,
                                () ->
                                    types
                                        .create(ownerId, key.orElse(null), draft)
                                        .thenApply(
                                            type ->
                                                Replies.created(
                                                    view(type),
                                                    "/users/"
                                                        + ownerId
                                                        + "/event-types/"
                                                        + type.slug()))))));
  }

  private Route list(Caller caller, String idText) {
    UUID ownerId = caller.ownId(idText, NOT_YOURS);
    return onSuccess(
        types.list(ownerId),
        found ->
            complete(
                Replies.toHttp(
                    Replies.json(
                        200,
                        new EventTypeJson.ListJson(found.stream().map(this::view).toList())))));
  }

  private Route show(Caller caller, String idText, String slugText) {
    UUID ownerId = caller.ownId(idText, NOT_YOURS);
    return onSuccess(types.get(ownerId, slug(slugText)), this::ok);
  }

  private Route replace(Caller caller, String idText, String slugText) {
    UUID ownerId = caller.ownId(idText, NOT_YOURS);
    String slug = slug(slugText);
    return JsonBodies.route(
        body ->
            withDraft(
                ownerId, body, draft -> onSuccess(types.replace(ownerId, slug, draft), this::ok)));
  }

  private Route remove(Caller caller, String idText, String slugText) {
    UUID ownerId = caller.ownId(idText, NOT_YOURS);
    return onSuccess(
        types.delete(ownerId, slug(slugText)), done -> complete(StatusCodes.NO_CONTENT));
  }

  /** The body read once the hosts it names are looked up, so one 400 lists every bad field. */
  private Route withDraft(UUID ownerId, JsonNode body, Function<EventTypeDraft, Route> inner) {
    return onSuccess(
        types.unknownUsers(Hosts.named(body, ownerId)),
        unknown -> inner.apply(EventTypeDraft.parse(body, ownerId, unknown)));
  }

  /** A path slug; one that breaks the slug rule names no type. */
  private static String slug(String text) {
    if (!Slugs.isValid(text)) {
      throw Problem.notFound("no such event type");
    }
    return text;
  }

  private EventTypeJson view(EventType type) {
    return EventTypeJson.of(type, publicBaseUrl);
  }

  private Route ok(EventType type) {
    return complete(Replies.toHttp(Replies.json(200, view(type))));
  }
}
