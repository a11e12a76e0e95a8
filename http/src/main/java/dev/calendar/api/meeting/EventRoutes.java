package dev.calendar.api.meeting;

import dev.calendar.api.Authentication;
import dev.calendar.api.Caller;
import dev.calendar.api.Fields;
import dev.calendar.api.Idempotency;
import dev.calendar.api.Ids;
import dev.calendar.api.Instants;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Problem;
import dev.calendar.api.Replies;
import dev.calendar.api.Windows;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.schedule.ScheduleRules;
import dev.calendar.wire.EventView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /events}, one-occurrence edits, and a user's occurrences in a window. */
public final class EventRoutes extends AllDirectives {
  static final Duration MAX_LIST_WINDOW = Duration.ofDays(366);

  private final MeetingService meetings;
  private final Authentication auth;
  private final Idempotency idempotency;

  public EventRoutes(MeetingService meetings, Authentication auth, Idempotency idempotency) {
    this.meetings = meetings;
    this.auth = auth;
    this.idempotency = idempotency;
  }

  /** One occurrence as {@code GET /users/{id}/events} lists it. */
  public record OccurrenceView(
      UUID eventId,
      String title,
      Instant start,
      Instant end,
      Instant originalStart,
      boolean recurring,
      String status) {}

  public record OccurrenceList(List<OccurrenceView> occurrences) {}

  public Route route() {
    return concat(
        path("events", () -> post(() -> auth.authenticated(this::create))),
        path(
            PathMatchers.segment("events").slash(PathMatchers.segment()),
            idText ->
                auth.authenticated(
                    caller ->
                        concat(
                            get(() -> show(caller, Ids.parse("id", idText))),
                            put(() -> replace(caller, Ids.parse("id", idText))),
                            delete(() -> cancel(caller, Ids.parse("id", idText)))))),
        path(
            PathMatchers.segment("events")
                .slash(PathMatchers.segment())
                .slash("occurrences")
                .slash(PathMatchers.segment()),
            (idText, originalText) ->
                auth.authenticated(
                    caller -> {
                      UUID id = Ids.parse("id", idText);
                      Instant original = Instants.parse("originalStart", originalText);
                      return concat(
                          put(() -> editOccurrence(caller, id, original)),
                          delete(() -> cancelOccurrence(caller, id, original)));
                    })),
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("events"),
            idText -> get(() -> auth.authenticated(caller -> list(caller, idText)))));
  }

  private Route create(Caller caller) {
    return JsonBodies.route(
        body ->
            onSuccess(
                meetings.defaultZone(caller.userId(), body),
                zone -> {
                  EventDraft draft = EventDraft.parse(body, zone);
                  return idempotency.withKey(
                      body,
                      true,
                      key ->
                          onSuccess(
                              meetings.create(
                                  caller.userId(),
                                  key.orElse(null),
                                  Idempotency.requestHash(body),
                                  draft),
                              meeting ->
                                  complete(
                                      withVersion(
                                          Replies.toHttp(
                                              Replies.created(
                                                  EventView.of(meeting),
                                                  "/events/" + meeting.id())),
                                          meeting))));
                }));
  }

  private Route show(Caller caller, UUID id) {
    return onSuccess(meetings.get(caller.userId(), id), this::ok);
  }

  private Route replace(Caller caller, UUID id) {
    return ifMatch(
        version ->
            JsonBodies.route(
                body ->
                    onSuccess(
                        meetings.defaultZone(caller.userId(), body),
                        zone ->
                            onSuccess(
                                meetings.replace(
                                    caller.userId(), id, version, EventDraft.parse(body, zone)),
                                this::ok))));
  }

  private Route cancel(Caller caller, UUID id) {
    return onSuccess(
        meetings.cancel(caller.userId(), id), meeting -> complete(StatusCodes.NO_CONTENT));
  }

  private Route editOccurrence(Caller caller, UUID id, Instant original) {
    return ifMatch(
        version ->
            JsonBodies.route(
                body -> {
                  var f = new Fields(body);
                  Instant start = f.optionalInstant("start");
                  Instant end = f.optionalInstant("end");
                  String title = f.optionalString("title", 1, EventDraft.MAX_TITLE);
                  if (start != null && end != null) {
                    // its length is checked by the entity, which knows the occurrence's times
                    ScheduleRules.endAfterStart(start, end)
                        .ifPresent(e -> f.error(e.field(), e.message()));
                  }
                  f.throwIfInvalid();
                  var change = new MeetingEntity.EditOccurrence(original, start, end, title);
                  return onSuccess(meetings.update(caller.userId(), id, version, change), this::ok);
                }));
  }

  private Route cancelOccurrence(Caller caller, UUID id, Instant original) {
    return ifMatch(
        version ->
            onSuccess(
                meetings.update(
                    caller.userId(), id, version, new MeetingEntity.CancelOccurrence(original)),
                meeting -> complete(StatusCodes.NO_CONTENT)));
  }

  private Route list(Caller caller, String idText) {
    UUID userId = caller.ownId(idText, "you can only list your own events");
    return Windows.window(
        MAX_LIST_WINDOW,
        window ->
            onSuccess(
                meetings.occurrences(userId, window),
                found ->
                    complete(
                        Replies.toHttp(
                            Replies.json(
                                200,
                                new OccurrenceList(
                                    found.items().stream()
                                        .map(
                                            l ->
                                                new OccurrenceView(
                                                    l.booking().eventId(),
                                                    l.occurrence().title() != null
                                                        ? l.occurrence().title()
                                                        : l.booking().title(),
                                                    l.occurrence().start(),
                                                    l.occurrence().end(),
                                                    l.occurrence().originalStart(),
                                                    l.booking().schedule().recurring(),
                                                    "confirmed"))
                                        .toList()))))));
  }

  private Route ifMatch(Function<Long, Route> inner) {
    return optionalHeaderValueByName(
        "If-Match", header -> inner.apply(header.map(EventRoutes::parseVersion).orElse(null)));
  }

  /** {@code If-Match: 3}, {@code "3"} or {@code W/"3"}: the version an edit is based on. */
  static Long parseVersion(String header) {
    String v = header.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    v = v.replace("\"", "");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw Problem.invalid("If-Match", "must be the event's version, such as \"3\"");
    }
  }

  private Route ok(Meeting meeting) {
    return complete(withVersion(Replies.toHttp(Replies.json(200, EventView.of(meeting))), meeting));
  }

  private static HttpResponse withVersion(HttpResponse response, Meeting meeting) {
    return response.addHeader(RawHeader.create("ETag", "\"" + meeting.version() + "\""));
  }
}
