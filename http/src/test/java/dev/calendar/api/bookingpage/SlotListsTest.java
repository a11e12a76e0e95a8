package dev.calendar.api.bookingpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calendar.api.CannedEntity;
import dev.calendar.api.ratelimit.FakeClock;
import dev.calendar.bookingpage.BookingRules;
import dev.calendar.bookingpage.EventType;
import dev.calendar.bookingpage.HostView;
import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.schedule.Interval;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Kept slot lists: served again only while the hosts' calendars are at the same revision and the
 * clock has not moved a slot past notice or into the horizon; otherwise exactly a new list.
 */
class SlotListsTest {
  private static final UUID OWNER = BookingPageRoutesTest.OWNER;
  private static final Instant NOW = Instant.parse("2027-02-01T00:00:00Z");
  private static final Interval TWO_DAYS = new Interval(NOW, NOW.plus(Duration.ofDays(2)));

  /** A calendar that answers as the entity does: no view for an asker that knows its revision. */
  private static final class Calendar {
    volatile HostView view =
        new HostView(
            OWNER, BookingPageRoutesTest.nineToFive("Europe/Berlin"), List.of(), List.of());
    volatile long revision = 7;

    void change(HostView next) {
      view = next;
      revision++;
    }
  }

  private final Calendar owner = new Calendar();
  private volatile EventType type = BookingPageRoutesTest.TYPE;
  private final CannedEntity<CalendarEntity.Command> calendars =
      new CannedEntity<CalendarEntity.Command>()
          .answer(
              c -> {
                var ask = (CalendarEntity.GetBookingPage) c;
                boolean known = ask.knownRevision() == owner.revision;
                return new CalendarEntity.BookingPage(
                    type, known ? null : owner.view, owner.revision);
              });
  private final FakeClock clock = new FakeClock(NOW);
  private final BookingPageService pages = service(new SlotLists(1 << 20, Duration.ofMinutes(5)));

  private BookingPageService service(SlotLists slotLists) {
    return new BookingPageService(
        calendars,
        new CannedEntity<MeetingEntity.Command>(),
        id -> CompletableFuture.completedFuture(null),
        new ManageLinks(new byte[32], "https://cal.example"),
        slotLists,
        clock);
  }

  private SlotLists.Entry list(Interval window) {
    return pages.slots(OWNER, "intro", window).toCompletableFuture().join();
  }

  private String json(Interval window) {
    return new String(list(window).json(), StandardCharsets.US_ASCII);
  }

  @Test
  void anUnchangedCalendarGetsTheKeptListWithoutSendingItsView() {
    SlotLists.Entry first = list(TWO_DAYS);
    SlotLists.Entry second = list(TWO_DAYS);

    assertThat(second).isSameAs(first);
    var asked = (CalendarEntity.GetBookingPage) calendars.lastCommand();
    assertThat(asked.knownRevision()).isEqualTo(owner.revision);
  }

  @Test
  void aChangedCalendarGetsANewList() {
    String before = json(TWO_DAYS);
    var nineOclockBerlin = Instant.parse("2027-02-01T08:00:00Z");
    owner.change(
        new HostView(
            OWNER,
            owner.view.hours(),
            List.of(
                new HostView.Occupied(
                    UUID.randomUUID(),
                    new Interval(nineOclockBerlin, nineOclockBerlin.plus(Duration.ofMinutes(30))))),
            List.of()));

    String after = json(TWO_DAYS);

    assertThat(before).contains("\"start\":\"2027-02-01T08:00:00Z\"");
    assertThat(after).doesNotContain("\"start\":\"2027-02-01T08:00:00Z\"");
    assertThat(after).isEqualTo(fresh(TWO_DAYS));
  }

  @Test
  void aChangedEventTypeGetsANewList() {
    json(TWO_DAYS);
    type = withNoticeAndHorizon(Duration.ofHours(30), Duration.ofDays(60));
    owner.change(owner.view);

    assertThat(json(TWO_DAYS)).isEqualTo(fresh(TWO_DAYS)).doesNotContain("2027-02-01T");
  }

  @Test
  void asTheClockMovesTheServedListIsAlwaysTheNewOne() {
    // Notice takes slots from the front, the horizon adds them at the back: both move with time.
    type = withNoticeAndHorizon(Duration.ofMinutes(50), Duration.ofDays(1));
    owner.change(owner.view);
    int kept = 0;
    SlotLists.Entry previous = null;
    for (Instant t = NOW; t.isBefore(NOW.plus(Duration.ofHours(40))); t = t.plusSeconds(7 * 60)) {
      clock.advance(Duration.between(clock.instant(), t));
      SlotLists.Entry served = list(TWO_DAYS);
      assertThat(new String(served.json(), StandardCharsets.US_ASCII))
          .as("at %s", t)
          .isEqualTo(fresh(TWO_DAYS));
      kept += served == previous ? 1 : 0;
      previous = served;
    }
    assertThat(kept).as("lists served again").isGreaterThan(100);
  }

  @Test
  void theJsonIsWhatJacksonWritesForTheSlots() throws Exception {
    var slots =
        List.of(
            new BookingRules.Slot(NOW, NOW.plusSeconds(1800), null),
            new BookingRules.Slot(NOW.plusSeconds(1800), NOW.plusSeconds(3600), 3));
    record View(
        String start, String end, @JsonInclude(JsonInclude.Include.NON_NULL) Integer seatsLeft) {}
    String jackson =
        new ObjectMapper()
            .writeValueAsString(
                slots.stream()
                    .map(s -> new View(s.start().toString(), s.end().toString(), s.seatsLeft()))
                    .toList());

    assertThat(new String(SlotLists.json(slots), StandardCharsets.US_ASCII)).isEqualTo(jackson);
    assertThat(
            new String(
                BookingPageRoutes.slotList(ZoneId.of("America/New_York"), SlotLists.json(slots)),
                StandardCharsets.US_ASCII))
        .isEqualTo("{\"timezone\":\"America/New_York\",\"slots\":" + jackson + "}");
  }

  @Test
  void keptListsStayWithinTheirBytes() {
    var small = new SlotLists(64 * 1024, Duration.ofMinutes(5));
    var bounded = service(small);
    for (int day = 0; day < 60; day++) {
      Instant from = NOW.plus(Duration.ofDays(day));
      bounded
          .slots(OWNER, "intro", new Interval(from, from.plus(Duration.ofDays(7))))
          .toCompletableFuture()
          .join();
    }
    // A week of 16 slots a day is about 9 KiB of JSON: far fewer than 60 fit in 64 KiB.
    assertThat(small.size()).isBetween(1L, 10L);
  }

  private String fresh(Interval window) {
    return new String(
        SlotLists.json(BookingRules.slots(type, List.of(owner.view), window, clock.instant())),
        StandardCharsets.US_ASCII);
  }

  private static EventType withNoticeAndHorizon(Duration notice, Duration horizon) {
    EventType t = BookingPageRoutesTest.TYPE;
    return new EventType(
        t.id(),
        t.ownerId(),
        t.slug(),
        t.title(),
        t.description(),
        t.duration(),
        t.slotInterval(),
        t.bufferBefore(),
        t.bufferAfter(),
        notice,
        horizon,
        t.maxPerDay(),
        t.maxPerWeek(),
        t.minimumCancelNotice(),
        t.seats(),
        t.hosts(),
        t.reminders(),
        t.location(),
        t.active(),
        t.createdAt());
  }
}
