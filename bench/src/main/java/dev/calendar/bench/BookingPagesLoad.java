package dev.calendar.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.bench.BookingPagesSetUp.Listed;
import dev.calendar.bench.BookingPagesSetUp.Page;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code bench booking-pages} sends, to the public routes only (no token): 31-day slot lists
 * of random pages, and bookings of starts the set-up saw listed, each by a new guest. A start is
 * booked once by the bench; a 409 means a page's own rules or another booking took it meanwhile.
 */
final class BookingPagesLoad {
  // With nothing left to book, a caller waits this long rather than spin on the executor.
  private static final Duration NOTHING_LEFT_PAUSE = Duration.ofMillis(100);

  private final HttpLoad http;
  private final ConcurrentLinkedQueue<Listed> unbooked;
  private final AtomicLong guests = new AtomicLong();

  /**
   * @param listed the starts to book, in the order they are booked
   */
  BookingPagesLoad(HttpLoad http, List<Listed> listed) {
    this.http = http;
    this.unbooked = new ConcurrentLinkedQueue<>(listed);
  }

  /** Listed starts not booked (or tried) yet. */
  int unbookedLeft() {
    return unbooked.size();
  }

  /**
   * One slot list of a random page of {@code pages}: the 31 days from the current hour, labelled in
   * a random guest's zone. The list is read and dropped (over {@link PlainGets}, whose cost is
   * small beside the node's): the set-up counted what lists hold.
   */
  CompletionStage<Outcome> list(List<Page> pages) {
    return list(pages, Instant.now().truncatedTo(ChronoUnit.HOURS));
  }

  /**
   * As {@link #list(List)}, from a random second of the next day instead of the current hour: a
   * window no guest asked for before, so the node computes the list rather than serve one it kept.
   */
  CompletionStage<Outcome> listNewWindow(List<Page> pages) {
    int second = ThreadLocalRandom.current().nextInt((int) Duration.ofDays(1).toSeconds());
    return list(pages, Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(second));
  }

  private CompletionStage<Outcome> list(List<Page> pages, Instant from) {
    var random = ThreadLocalRandom.current();
    Page page = pages.get(random.nextInt(pages.size()));
    String path =
        page.path()
            + "/slots?start="
            + from
            + "&end="
            + from.plus(BookingPagesSetUp.LIST_WINDOW)
            + "&timezone="
            + guestZone().getId();
    return http.plainGet(path, 200)
        .thenApply(
            r -> {
              var outcome = PageOutcome.ofList(r.status());
              if (outcome instanceof PageOutcome.Unexpected) {
                http.sample("GET " + path, "", r.status(), r.body());
              }
              return outcome;
            });
  }

  /** One public booking of the next listed start, by a guest with an address of their own. */
  CompletionStage<Outcome> book() {
    Listed slot = unbooked.poll();
    if (slot == null) {
      return CompletableFuture.supplyAsync(
          PageOutcome.NoSlotLeft::new,
          CompletableFuture.delayedExecutor(
              NOTHING_LEFT_PAUSE.toMillis(), TimeUnit.MILLISECONDS, http.executor()));
    }
    long n = guests.getAndIncrement();
    ObjectNode body = HttpLoad.JSON.createObjectNode();
    body.put("start", slot.start().toString());
    ObjectNode invitee = body.putObject("invitee");
    invitee.put("name", "Bench Guest " + n);
    invitee.put("email", "guest-" + http.runId() + "-" + n + "@example.com");
    invitee.put("timezone", guestZone().getId());
    String text = body.toString();
    return http.sendDroppingBodyOf(
            201, http.request(slot.page().path()).POST(HttpRequest.BodyPublishers.ofString(text)))
        .thenApply(
            r -> {
              var outcome = PageOutcome.ofBooking(r.statusCode());
              if (outcome instanceof PageOutcome.Limited) {
                // Not tried by the page: still bookable, so still in the pool.
                unbooked.add(slot);
              } else if (outcome instanceof PageOutcome.Unexpected) {
                http.sample("POST " + slot.page().path(), text, r);
              }
              return outcome;
            });
  }

  private static ZoneId guestZone() {
    var zones = BookingPagesSetUp.ZONES;
    return zones.get(ThreadLocalRandom.current().nextInt(zones.size()));
  }
}
