package dev.calendar.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code bench booking} sends: bookings ({@code POST /events}) and availability reads between
 * the users of its set-up. Every 201 is remembered with its calendars, over the whole run (warm-ups
 * and drains too), for the audit; so are the requests whose outcome is unknown (a transport error
 * or a 5xx may have booked all the same).
 */
final class BookingLoad {
  private static final Duration SLOT = Duration.ofMinutes(30);
  private static final Duration READ_WINDOW = Duration.ofDays(7);
  private static final int QUARTERS_PER_YEAR = 365 * 24 * 4;

  /** A 201: the meeting's id and the calendars it was booked on (organizer and others). */
  record BookedMeeting(UUID eventId, Set<UUID> calendars) {}

  private final HttpLoad http;
  private final List<Account> accounts;
  // Every slot lies in [slots, slots + 365 days + 30 minutes): on quarter hours, in the future.
  private final Instant slots =
      Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
  private final ConcurrentLinkedQueue<BookedMeeting> booked = new ConcurrentLinkedQueue<>();
  private final LongAdder unknownOutcomes = new LongAdder();

  BookingLoad(HttpLoad http, List<Account> accounts) {
    this.http = http;
    this.accounts = accounts;
  }

  /** The first instant a booking may start at. */
  Instant firstSlot() {
    return slots;
  }

  /** Past the end of the last booking. */
  Instant pastLastSlot() {
    return slots.plus(Duration.ofDays(366));
  }

  List<BookedMeeting> booked() {
    return List.copyOf(booked);
  }

  long unknownOutcomes() {
    return unknownOutcomes.sum();
  }

  /** One request of the mixed phase: a booking once in {@code readRatio + 1}, else a read. */
  CompletionStage<Outcome> mixed(int readRatio) {
    return ThreadLocalRandom.current().nextInt(readRatio + 1) == 0 ? book(true) : read(true);
  }

  /**
   * One booking: a random organizer and 1-3 random other users, 30 minutes at a random quarter
   * hour, a fresh {@code Idempotency-Key}.
   */
  CompletionStage<Outcome> book(boolean mixed) {
    var random = ThreadLocalRandom.current();
    Account organizer = accounts.get(random.nextInt(accounts.size()));
    int others = 1 + random.nextInt(3);
    Set<UUID> calendars = new LinkedHashSet<>();
    calendars.add(organizer.id());
    List<UUID> participants = new ArrayList<>(others);
    while (participants.size() < others) {
      UUID id = accounts.get(random.nextInt(accounts.size())).id();
      if (calendars.add(id)) {
        participants.add(id);
      }
    }
    Instant start = slots.plus(Duration.ofMinutes(15L * random.nextInt(QUARTERS_PER_YEAR)));
    ObjectNode body = HttpLoad.JSON.createObjectNode();
    body.put("title", "Bench booking");
    body.put("start", start.toString());
    body.put("end", start.plus(SLOT).toString());
    body.put("timezone", "UTC");
    ArrayNode list = body.putArray("participants");
    participants.forEach(p -> list.addObject().put("userId", p.toString()));
    String text = body.toString();
    return http.send(
            http.authorized("/events", organizer)
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .header("Idempotency-Key", UUID.randomUUID().toString()))
        .whenComplete(
            (r, error) -> {
              if (error != null) {
                unknownOutcomes.increment();
              }
            })
        .thenApply(
            r -> {
              if (r.statusCode() == 201) {
                UUID id = UUID.fromString(HttpLoad.parse(r.body()).path("id").asText());
                booked.add(new BookedMeeting(id, Set.copyOf(calendars)));
                return new BookingOutcome.Booked(calendars.size(), mixed);
              }
              if (r.statusCode() == 409) {
                return new BookingOutcome.Conflicted(mixed);
              }
              if (r.statusCode() >= 500) {
                unknownOutcomes.increment();
              }
              http.sample("POST /events", text, r);
              return new BookingOutcome.Unexpected(r.statusCode(), mixed);
            });
  }

  /** One availability read: a random user's 7 days, asked by another random user. */
  CompletionStage<Outcome> read(boolean mixed) {
    var random = ThreadLocalRandom.current();
    Account user = accounts.get(random.nextInt(accounts.size()));
    Account reader = accounts.get(random.nextInt(accounts.size()));
    Instant start =
        slots.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(random.nextInt(365 - 7 + 1)));
    String path =
        "/users/" + user.id() + "/availability?start=" + start + "&end=" + start.plus(READ_WINDOW);
    return http.send(http.authorized(path, reader).GET())
        .thenApply(
            r -> {
              if (r.statusCode() != 200) {
                http.sample("GET " + path, "", r);
              }
              return new BookingOutcome.Read(r.statusCode(), mixed);
            });
  }
}
