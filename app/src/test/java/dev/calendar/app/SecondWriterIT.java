package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.devservers.FreePorts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the Split Brain Resolver exists to prevent, forced on purpose: two separate clusters on one
 * journal each run the same calendar and both write to it. The journal cannot stop the second
 * writer, but replay must then fail loudly (answered 503, logged, counted in metrics) rather than
 * drop one writer's bookings in silence.
 */
class SecondWriterIT {
  private static final Instant SLOT = Instant.parse("2034-06-05T09:00:00Z");

  @Test
  void recoveryOfACalendarWithTwoWritersFailsLoudly() throws Exception {
    String userId;
    String token;
    try (Node a = TestNodes.start(FreePorts.next(), List.of());
        Node b = TestNodes.start(FreePorts.next(), List.of())) {
      var apiA = new Api(a);
      var apiB = new Api(b);
      var user = apiA.signUp(Api.uniqueEmail("split"), "password1");
      userId = user.get("id").asText();
      token = user.get("token").asText();
      var auth = Map.of("Authorization", "Bearer " + token);
      // A's calendar goes live; B's copy recovers A's events and writes on; A, unaware, too.
      assertThat(apiA.send("POST", "/events", event(0), auth).status()).isEqualTo(201);
      assertThat(apiB.send("POST", "/events", event(2), auth).status()).isEqualTo(201);
      assertThat(apiA.send("POST", "/events", event(4), auth).status()).isEqualTo(201);
    }

    try (Node c = TestNodes.start(FreePorts.next(), List.of())) {
      var api = new Api(c);
      var listed =
          api.get(
              "/users/"
                  + userId
                  + "/events?start="
                  + SLOT.minus(1, ChronoUnit.DAYS)
                  + "&end="
                  + SLOT.plus(1, ChronoUnit.DAYS),
              token);
      assertThat(listed.status()).as(listed.toString()).isEqualTo(503);
      assertThat(listed.contentType()).isEqualTo("application/problem+json");
      var metrics = api.send("GET", "/metrics", null, Map.of()).text();
      assertThat(metrics).containsPattern("journal_recovery_failures_total [1-9]");
    }
  }

  private static String event(int hoursFromSlot) {
    Instant start = SLOT.plus(hoursFromSlot, ChronoUnit.HOURS);
    return "{\"title\":\"w\",\"start\":\""
        + start
        + "\",\"end\":\""
        + start.plus(1, ChronoUnit.HOURS)
        + "\"}";
  }
}
