package dev.calendar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The double-booking check after a booking run: lists every calendar's occurrences over the whole
 * range of slots ({@code GET /users/{id}/events}); no two on one calendar may overlap, and every
 * 201 must be there exactly once on each of its calendars. Occurrences of no 201 are allowed only
 * when some requests' outcome is unknown (a timeout or a 5xx may have booked too).
 */
final class BookingAudit {
  private static final int READERS = 8;
  private static final int MAX_OVERLAP_SAMPLES = 3;

  /** One occurrence as a calendar lists it. */
  record Occurrence(UUID eventId, Instant start, Instant end) {}

  /**
   * What the audit found. {@code missing}: (201, calendar) pairs not on that calendar; {@code
   * repeated}: pairs there more than once; {@code unannounced}: occurrences of no 201; calendars
   * whose read failed are left out of all of these.
   */
  record Result(
      int calendars,
      double seconds,
      long occurrences,
      long expected,
      long overlaps,
      List<String> overlapSamples,
      long missing,
      long repeated,
      long unannounced,
      long unknownOutcomes,
      SortedMap<String, Long> failedReads) {

    /**
     * Every calendar read; no overlaps, no 201 lost or repeated, and nothing unannounced that no
     * unknown outcome explains.
     */
    boolean passed() {
      return failedReads.isEmpty()
          && overlaps == 0
          && missing == 0
          && repeated == 0
          && (unannounced == 0 || unknownOutcomes > 0);
    }

    /** The report's line. */
    String text() {
      String verdict;
      if (overlaps > 0) {
        verdict = "DOUBLE BOOKINGS FOUND: " + String.join("; ", overlapSamples);
      } else if (missing > 0 || repeated > 0) {
        verdict =
            String.format(
                "no overlaps, but %d LOST bookings (a 201 missing from one of its calendars) and"
                    + " %d repeated ones (a 201 more than once on one calendar)",
                missing, repeated);
      } else if (unannounced == 0) {
        verdict = "no overlaps, and exactly one occurrence per calendar of every 201";
      } else if (unknownOutcomes > 0) {
        verdict =
            String.format(
                "no overlaps, every 201 once on each of its calendars; %d occurrences of no 201,"
                    + " with %d requests of unknown outcome (timeouts, 5xx)",
                unannounced, unknownOutcomes);
      } else {
        verdict =
            String.format(
                "no overlaps, but %d occurrences of no 201: bookings nobody was told of",
                unannounced);
      }
      return String.format(
          "Double-booking check (GET /users/{id}/events of all %d users over the year, %.1f s):"
              + " %d occurrences, %d booked by 201s in the run; %s%s.",
          calendars,
          seconds,
          occurrences,
          expected,
          verdict,
          failedReads.isEmpty() ? "" : "; failed reads " + LoadReport.errorsText(failedReads));
    }
  }

  private BookingAudit() {}

  /** Reads every account's calendar from the node, then {@link #check}s them. */
  static Result run(HttpLoad http, List<Account> accounts, BookingLoad load)
      throws InterruptedException {
    Map<UUID, List<Occurrence>> calendars = new ConcurrentHashMap<>();
    Map<String, Long> failures = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    int readers = Math.min(READERS, accounts.size());
    CountDownLatch finished = new CountDownLatch(readers);
    long started = System.nanoTime();
    Runnable[] readNext = new Runnable[1];
    readNext[0] =
        () -> {
          int n = next.getAndIncrement();
          if (n >= accounts.size()) {
            finished.countDown();
            return;
          }
          Account account = accounts.get(n);
          String path =
              "/users/"
                  + account.id()
                  + "/events?start="
                  + load.firstSlot()
                  + "&end="
                  + load.pastLastSlot();
          http.send(http.authorized(path, account).GET())
              .whenCompleteAsync(
                  (r, error) -> {
                    if (error != null || r.statusCode() != 200) {
                      String label =
                          error != null ? Outcome.of(error).label() : "" + r.statusCode();
                      failures.merge(label, 1L, Long::sum);
                    } else {
                      List<Occurrence> found = new ArrayList<>();
                      for (JsonNode o : HttpLoad.parse(r.body()).path("occurrences")) {
                        found.add(
                            new Occurrence(
                                UUID.fromString(o.path("eventId").asText()),
                                Instant.parse(o.path("start").asText()),
                                Instant.parse(o.path("end").asText())));
                      }
                      calendars.put(account.id(), found);
                    }
                    readNext[0].run();
                  },
                  http.executor());
        };
    for (int w = 0; w < readers; w++) {
      http.executor().execute(readNext[0]);
    }
    if (!finished.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the double-booking check did not finish within 5 minutes");
    }
    return check(
        accounts.size(),
        (System.nanoTime() - started) / 1e9,
        calendars,
        load.booked(),
        load.unknownOutcomes(),
        new TreeMap<>(failures));
  }

  /**
   * The check itself, on calendars already read.
   *
   * @param calendars each calendar read, by its user's id (calendars whose read failed are absent)
   * @param booked every 201 of the run
   */
  static Result check(
      int users,
      double seconds,
      Map<UUID, List<Occurrence>> calendars,
      Collection<BookingLoad.BookedMeeting> booked,
      long unknownOutcomes,
      SortedMap<String, Long> failedReads) {
    long occurrences = 0;
    long overlaps = 0;
    List<String> overlapSamples = new ArrayList<>();
    for (var e : calendars.entrySet()) {
      List<Occurrence> sorted = new ArrayList<>(e.getValue());
      sorted.sort(Comparator.comparing(Occurrence::start));
      occurrences += sorted.size();
      Instant lastEnd = Instant.MIN;
      UUID lastId = null;
      for (Occurrence o : sorted) {
        if (o.start().isBefore(lastEnd)) {
          overlaps++;
          if (overlapSamples.size() < MAX_OVERLAP_SAMPLES) {
            overlapSamples.add(
                "user "
                    + e.getKey()
                    + ": events "
                    + lastId
                    + " and "
                    + o.eventId()
                    + " overlap at "
                    + o.start());
          }
        }
        if (o.end().isAfter(lastEnd)) {
          lastEnd = o.end();
          lastId = o.eventId();
        }
      }
    }
    long expected = 0;
    long missing = 0;
    long repeated = 0;
    Set<UUID> announced = new HashSet<>();
    Map<UUID, Map<UUID, Integer>> counts = new HashMap<>();
    calendars.forEach(
        (user, list) -> {
          Map<UUID, Integer> byEvent = new HashMap<>();
          list.forEach(o -> byEvent.merge(o.eventId(), 1, Integer::sum));
          counts.put(user, byEvent);
        });
    for (var meeting : booked) {
      announced.add(meeting.eventId());
      for (UUID calendar : meeting.calendars()) {
        expected++;
        Map<UUID, Integer> byEvent = counts.get(calendar);
        if (byEvent == null) {
          continue; // not read
        }
        int times = byEvent.getOrDefault(meeting.eventId(), 0);
        if (times == 0) {
          missing++;
        } else if (times > 1) {
          repeated++;
        }
      }
    }
    long unannounced =
        calendars.values().stream()
            .flatMap(List::stream)
            .filter(o -> !announced.contains(o.eventId()))
            .count();
    return new Result(
        users,
        seconds,
        occurrences,
        expected,
        overlaps,
        List.copyOf(overlapSamples),
        missing,
        repeated,
        unannounced,
        unknownOutcomes,
        failedReads);
  }
}
