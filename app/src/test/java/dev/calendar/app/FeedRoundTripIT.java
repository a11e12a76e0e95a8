package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's feed imported into another user's calendar gives exactly the same busy time over a year:
 * single events, a weekly series across both 2027 DST changes in Europe/Berlin with a cancelled and
 * a moved instance. Feed and import go through the HTTP API of a real node.
 */
class FeedRoundTripIT {
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  private record User(String id, String token) {
    Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + token);
    }
  }

  private static User user() {
    JsonNode body = api.signUp(Api.uniqueEmail("round-trip"), "password1");
    return new User(body.get("id").asText(), body.get("token").asText());
  }

  private static String create(User u, String json) {
    var r = api.send("POST", "/events", json, u.auth());
    assertThat(r.status()).as("%s", r).isEqualTo(201);
    return r.json().get("id").asText();
  }

  @Test
  void aFeedImportedIntoAnotherCalendarIsTheSameBusyTimeInstantByInstant() {
    User a = user();
    create(
        a,
        "{\"title\":\"Dentist\",\"start\":\"2027-02-10T10:00:00Z\",\"end\":\"2027-02-10T11:00:00Z\"}");
    create(
        a,
        "{\"title\":\"Long lunch\",\"start\":\"2027-07-01T12:00:00Z\","
            + "\"end\":\"2027-07-01T13:30:00Z\",\"timezone\":\"America/New_York\"}");
    // Mondays 09:00 Berlin all year: 08:00Z in winter, 07:00Z in summer.
    String series =
        create(
            a,
            "{\"title\":\"Standup\",\"start\":\"2027-01-04T08:00:00Z\","
                + "\"end\":\"2027-01-04T09:00:00Z\",\"timezone\":\"Europe/Berlin\","
                + "\"recurrenceRule\":\"FREQ=WEEKLY;BYDAY=MO;COUNT=52\","
                + "\"exdates\":[\"2027-03-01T08:00:00Z\"]}");
    var moved =
        api.send(
            "PUT",
            "/events/" + series + "/occurrences/2027-04-05T07:00:00Z",
            "{\"start\":\"2027-04-06T12:00:00Z\",\"end\":\"2027-04-06T13:00:00Z\"}",
            a.auth());
    assertThat(moved.status()).as("%s", moved).isEqualTo(200);

    var issued = api.send("POST", "/users/" + a.id() + "/calendar-feed-token", null, a.auth());
    assertThat(issued.status()).as("%s", issued).isEqualTo(201);
    URI url = URI.create(issued.json().get("url").asText());
    var feed = api.send("GET", url.getRawPath() + "?" + url.getRawQuery(), null, Map.of());
    assertThat(feed.status()).as("%s", feed).isEqualTo(200);
    assertThat(feed.text()).contains("METHOD:PUBLISH").contains("RECURRENCE-ID");

    User b = user();
    var imported =
        api.send(
            "POST",
            "/users/" + b.id() + "/calendar/import?source=from-a",
            feed.text(),
            Map.of("Authorization", "Bearer " + b.token(), Api.CONTENT_TYPE, "text/calendar"));
    assertThat(imported.status()).as("%s", imported).isEqualTo(200);
    assertThat(imported.json().get("imported").asInt()).isEqualTo(3);

    List<String> busyOfA = busyOverTheYear(a);
    assertThat(busyOfA).hasSize(2 + 52 - 1).contains("2027-04-06T12:00:00Z/2027-04-06T13:00:00Z");
    assertThat(busyOverTheYear(b)).containsExactlyElementsOf(busyOfA);
  }

  /** Busy spans of 2027, in 61-day windows (availability takes 62 days at most). */
  private static List<String> busyOverTheYear(User u) {
    List<String> spans = new ArrayList<>();
    Instant end = Instant.parse("2028-01-01T00:00:00Z");
    for (Instant from = Instant.parse("2027-01-01T00:00:00Z");
        from.isBefore(end);
        from = from.plus(Duration.ofDays(61))) {
      Instant to =
          from.plus(Duration.ofDays(61)).isBefore(end) ? from.plus(Duration.ofDays(61)) : end;
      var r = api.get("/users/" + u.id() + "/availability?start=" + from + "&end=" + to, u.token());
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      r.json()
          .get("busy")
          .forEach(s -> spans.add(s.get("start").asText() + "/" + s.get("end").asText()));
    }
    return spans;
  }
}
