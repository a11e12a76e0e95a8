package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.app.EventApiIT.User;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile sequence of the hardening review, over HTTP: far-future events, a series with a COUNT
 * of a hundred million, self-overlapping series, and many long series sent in parallel as
 * invitations to one victim. Each is a clean 400 or bounded work; meanwhile the node answers its
 * health check and the victim's own bookings quickly, and the heap stays well under its limit.
 */
class HostileRequestsIT {
  private static final ExecutorService pool = Executors.newFixedThreadPool(8);
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  private static User newUser(String name) {
    var u = api.signUp(Api.uniqueEmail(name), "password1");
    return new User(u.get("id").asText(), u.get("token").asText());
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static Instant at(int year, int month, int day, int hour, int minute) {
    return LocalDate.of(year, month, day).atTime(hour, minute).toInstant(ZoneOffset.UTC);
  }

  private static Api.Response post(User organizer, String body) {
    return api.send("POST", "/events", body, organizer.auth());
  }

  @Test
  void yearsOutsideTheRangeKeptAreRefused() {
    User attacker = newUser("attacker");
    for (String year : List.of("9999", "+10000", "0000", "-0001", "1899", "2201")) {
      String start = year + "-12-30T09:00:00Z";
      String end = year + "-12-30T10:00:00Z";
      var r =
          post(attacker, "{\"title\":\"x\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}");
      assertThat(r.status()).as(year + ": " + r).isEqualTo(400);
      assertThat(r.json().get("errors").toString()).contains("\"start\"");
    }
  }

  @Test
  void aHugeCountAndSelfOverlappingSeriesAreRefusedNamingTheRule() {
    User attacker = newUser("attacker");
    Instant start = at(2030, 1, 7, 9, 0);
    for (String rule :
        List.of(
            "FREQ=DAILY;COUNT=99999999",
            "FREQ=DAILY;UNTIL=21500101T000000Z",
            "FREQ=YEARLY;UNTIL=99991231T000000Z",
            "FREQ=MINUTELY;COUNT=5",
            "FREQ=DAILY;BYHOUR=9,10")) {
      var r = post(attacker, EventApiIT.event(start, start.plus(Duration.ofMinutes(90)), rule));
      r.assertProblem(400, List.of("recurrenceRule"));
    }
  }

  @Test
  void theNodeSurvivesTheHostileSequenceAndKeepsServingOthers() throws Exception {
    User attacker = newUser("attacker");
    User victim = newUser("victim");
    User bystander = newUser("bystander");
    var heap = ManagementFactory.getMemoryMXBean();
    long maxHeap = heap.getHeapMemoryUsage().getMax();
    AtomicLong peakHeap = new AtomicLong();
    AtomicLong slowestHealth = new AtomicLong();
    AtomicBoolean hostileRunning = new AtomicBoolean(true);

    // The watcher: health checks and heap, all the time the hostile requests run.
    Future<?> watcher =
        pool.submit(
            () -> {
              while (hostileRunning.get()) {
                long t0 = System.nanoTime();
                var r = api.send("GET", "/health/alive", null, Map.of());
                assertThat(r.status()).isEqualTo(200);
                slowestHealth.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                peakHeap.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
              }
              return null;
            });

    // The hostile load: long daily series, each inviting the victim, from six threads at once.
    ConcurrentLinkedQueue<Integer> hostileStatuses = new ConcurrentLinkedQueue<>();
    List<Future<?>> hostile = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int thread = t;
      hostile.add(
          pool.submit(
              () -> {
                for (int k = 0; k < 6; k++) {
                  Instant s = at(2030, 1, 1, 0, 0).plus(Duration.ofMinutes(2L * (thread * 6 + k)));
                  String rule = k % 2 == 0 ? "FREQ=DAILY;COUNT=10000" : "FREQ=DAILY";
                  var r =
                      post(
                          attacker,
                          EventApiIT.event(
                              "UTC", s, s.plus(Duration.ofMinutes(1)), rule, victim.id()));
                  hostileStatuses.add(r.status());
                  assertThat(r.status()).as(r.toString()).isIn(201, 400, 409);
                }
                return null;
              }));
    }

    // The victim and a bystander keep booking their own meetings meanwhile, and quickly.
    List<Long> victimMillis = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      Instant s = at(2031, 6, 2 + k, 12, 0);
      for (User user : List.of(victim, bystander)) {
        long t0 = System.nanoTime();
        var r = post(user, EventApiIT.event("UTC", s, s.plus(Duration.ofMinutes(30)), null));
        victimMillis.add((System.nanoTime() - t0) / 1_000_000);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
      }
    }
    for (Future<?> f : hostile) {
      f.get();
    }
    hostileRunning.set(false);
    watcher.get();

    assertThat(hostileStatuses).hasSize(36).contains(201);
    assertThat(victimMillis).allMatch(ms -> ms < 3_000, "every own booking answered within 3 s");
    assertThat(slowestHealth.get()).isLessThan(2_000);
    assertThat(peakHeap.get()).isLessThan((long) (maxHeap * 0.85));
    // and the victim's calendar still answers: its week is readable
    var week =
        api.get(
            "/users/"
                + victim.id()
                + "/availability?start="
                + at(2030, 1, 7, 0, 0)
                + "&end="
                + at(2030, 1, 14, 0, 0),
            victim.token());
    assertThat(week.status()).isEqualTo(200);
  }
}
