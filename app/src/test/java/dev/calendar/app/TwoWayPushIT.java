package dev.calendar.app;

import static dev.calendar.app.BusyDay.berlin;
import static dev.calendar.app.BusyDay.book;
import static dev.calendar.app.BusyDay.busy;
import static dev.calendar.app.BusyDay.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.app.TwoWayNode.Connected;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local events out to Google and Outlook without loops: written exactly once (also when the
 * provider's answer to the insert is lost and it is sent again), changed and deleted with the local
 * event; its echo changes nothing here; an edit of the copy in the provider makes no second event.
 */
class TwoWayPushIT {
  private static final Duration OUT = Duration.ofSeconds(20);
  private static TwoWayNode two;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    two = TwoWayNode.start();
    api = two.api;
  }

  @AfterAll
  static void stop() {
    two.close();
  }

  /** Connected, with pushEvents on. */
  private Connected pushingTo(String provider) {
    Connected c = two.connectActive(provider);
    var patched =
        api.send(
            "PATCH",
            "/users/" + c.user().id() + "/connections/" + c.id(),
            "{\"pushEvents\":true}",
            c.user().auth());
    assertThat(patched.status()).as("%s", patched).isEqualTo(200);
    assertThat(patched.json().get("pushEvents").asBoolean()).isTrue();
    return c;
  }

  private static List<JsonNode> googleCopies(Connected p, String eventId) {
    return two.googleAdmin.events(p.account()).stream()
        .filter(
            e ->
                eventId.equals(
                    e.path("extendedProperties")
                        .path("private")
                        .path("calendarServiceEventId")
                        .asText()))
        .toList();
  }

  private static List<JsonNode> outlookCopies(Connected p, String eventId) {
    return two.outlookAdmin.events(p.account()).stream()
        .filter(e -> ("calendar-service:" + eventId).equals(e.path("transactionId").asText()))
        .filter(e -> !e.path("isDeleted").asBoolean())
        .toList();
  }

  private static double metric(String sample) {
    return two.metric(sample);
  }

  private static final String SYNCS = TwoWayNode.SYNCS_CHANGED;
  private static final String ADDED = TwoWayNode.BLOCKS_ADDED;

  @Test
  void aLocalEventReachesGoogleOnceEvenWhenTheInsertsAnswerIsLost() {
    Connected p = pushingTo("google");
    // The next insert is carried out, but its answer is a 503: the service must send it again.
    two.googleAdmin.fault(
        "{\"method\":\"POST\",\"pathContains\":\"/calendars/primary/events\",\"status\":503,"
            + "\"times\":1,\"afterApply\":true}");
    double added = metric(ADDED);
    double syncs = metric(SYNCS);

    var booked = book(api, p.user(), "10:00", "11:00");
    assertThat(booked.status()).isEqualTo(201);
    String eventId = booked.json().get("id").asText();

    await().atMost(OUT).until(() -> googleCopies(p, eventId).size() == 1);
    JsonNode copy = googleCopies(p, eventId).get(0);
    assertThat(copy.get("start").get("dateTime").asText()).isNotEmpty();
    await()
        .alias("the insert sent again after its answer was lost")
        .atMost(OUT)
        .until(
            () ->
                two.googleAdmin
                        .requests(
                            r ->
                                "POST".equals(r.get("method").asText())
                                    && r.get("path").asText().endsWith("/calendars/primary/events"))
                        .size()
                    >= 2);

    // Its echo (Google's notification of our own insert) is read and changes nothing here.
    await().atMost(OUT).until(() -> metric(SYNCS) > syncs);
    assertThat(metric(ADDED)).as("no busy block from our own copy").isEqualTo(added);
    assertThat(googleCopies(p, eventId)).hasSize(1);
    assertThat(api.get("/events/" + eventId, p.user().token()).json().get("version").asLong())
        .as("the local event is untouched")
        .isEqualTo(booked.json().get("version").asLong());
    assertThat(busy(api, p.user())).containsExactly(span("10:00", "11:00"));
  }

  @Test
  void anEditOfTheCopyInGoogleMakesNoSecondEventAndLocalChangesFollow() {
    Connected p = pushingTo("google");
    var booked = book(api, p.user(), "10:00", "11:00");
    String eventId = booked.json().get("id").asText();
    await().atMost(OUT).until(() -> googleCopies(p, eventId).size() == 1);
    String copyId = googleCopies(p, eventId).get(0).get("id").asText();

    double syncs = metric(SYNCS);
    two.googleAdmin.patchEvent(
        p.account(),
        copyId,
        "{\"start\":{\"dateTime\":\""
            + berlin("13:00")
            + "\"},\"end\":{\"dateTime\":\""
            + berlin("14:00")
            + "\"}}");
    await().atMost(OUT).until(() -> metric(SYNCS) > syncs);
    assertThat(busy(api, p.user())).containsExactly(span("10:00", "11:00"));
    assertThat(googleCopies(p, eventId)).hasSize(1);

    var moved =
        api.send(
            "PUT",
            "/events/" + eventId,
            "{\"title\":\"Moved\",\"start\":\""
                + berlin("15:00")
                + "\",\"end\":\""
                + berlin("16:00")
                + "\"}",
            p.user().auth());
    assertThat(moved.status()).as("%s", moved).isEqualTo(200);
    await()
        .atMost(OUT)
        .until(
            () ->
                googleCopies(p, eventId).get(0).path("summary").asText().equals("Moved")
                    && java.time.Instant.parse(
                            java.time.OffsetDateTime.parse(
                                    googleCopies(p, eventId)
                                        .get(0)
                                        .get("start")
                                        .get("dateTime")
                                        .asText())
                                .toInstant()
                                .toString())
                        .equals(berlin("15:00")));

    assertThat(api.send("DELETE", "/events/" + eventId, null, p.user().auth()).status())
        .isEqualTo(204);
    await()
        .atMost(OUT)
        .until(() -> "cancelled".equals(googleCopies(p, eventId).get(0).get("status").asText()));
    assertThat(busy(api, p.user())).isEmpty();
  }

  @Test
  void aLocalEventReachesOutlookOnceUnderItsTransactionId() {
    Connected p = pushingTo("outlook");
    two.outlookAdmin.fault(
        "{\"method\":\"POST\",\"pathContains\":\"/me/events\",\"status\":503,"
            + "\"times\":1,\"afterApply\":true}");
    double syncs = metric(SYNCS);
    var booked = book(api, p.user(), "09:00", "09:30");
    String eventId = booked.json().get("id").asText();
    await().atMost(OUT).until(() -> outlookCopies(p, eventId).size() == 1);
    await()
        .alias("the insert sent again after its answer was lost")
        .atMost(OUT)
        .until(
            () ->
                two.outlookAdmin
                        .requests(
                            r ->
                                "POST".equals(r.get("method").asText())
                                    && r.get("path").asText().endsWith("/me/events"))
                        .size()
                    >= 2);
    await().atMost(OUT).until(() -> metric(SYNCS) > syncs);
    assertThat(outlookCopies(p, eventId)).hasSize(1);
    assertThat(busy(api, p.user())).containsExactly(span("09:00", "09:30"));

    assertThat(api.send("DELETE", "/events/" + eventId, null, p.user().auth()).status())
        .isEqualTo(204);
    await().atMost(OUT).until(() -> outlookCopies(p, eventId).isEmpty());
  }
}
