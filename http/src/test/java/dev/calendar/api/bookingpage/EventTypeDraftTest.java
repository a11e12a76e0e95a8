package dev.calendar.api.bookingpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.api.FieldError;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Problem;
import dev.calendar.bookingpage.EventType;
import dev.calendar.notification.Channel;
import dev.calendar.notification.ReminderRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTypeDraftTest {
  private static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID ANA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  private static final UUID BEN = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
  private static final UUID GONE = UUID.fromString("00000000-0000-0000-0000-0000000000f1");

  private static ObjectNode body(String json) {
    return (ObjectNode) JsonBodies.object(json.replace('\'', '"'));
  }

  private static ObjectNode valid() {
    return body("{'slug': 'intro-call', 'title': ' Intro call ', 'duration': 'PT30M'}");
  }

  private static EventTypeDraft parse(ObjectNode body) {
    return EventTypeDraft.parse(body, OWNER, Set.of(GONE));
  }

  private static Problem problemOf(ObjectNode body) {
    Problem p = catchThrowableOfType(Problem.class, () -> parse(body));
    assertThat(p).as("a problem for %s", body).isNotNull();
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.title()).isEqualTo("Invalid input");
    return p;
  }

  /** The one error of {@code body}: it names {@code field}; its message. */
  private static String messageOf(ObjectNode body, String field) {
    Problem p = problemOf(body);
    assertThat(p.errors())
        .as("errors of %s", body)
        .extracting(FieldError::field)
        .containsExactly(field);
    return p.errors().get(0).message();
  }

  /** {@code value} is JSON; its quotes single. */
  private static ObjectNode with(String field, String value) {
    ObjectNode body = valid();
    body.set(field, JsonBodies.object("{\"v\": " + value.replace('\'', '"') + "}").get("v"));
    return body;
  }

  @Test
  void aMinimalBodyGetsEveryDefault() {
    EventTypeDraft d = parse(valid());

    assertThat(d.slug()).isEqualTo("intro-call");
    assertThat(d.title()).isEqualTo("Intro call");
    assertThat(d.description()).isNull();
    assertThat(d.duration()).isEqualTo(Duration.ofMinutes(30));
    assertThat(d.slotInterval()).as("the duration").isEqualTo(Duration.ofMinutes(30));
    assertThat(d.bufferBefore()).isEqualTo(Duration.ZERO);
    assertThat(d.bufferAfter()).isEqualTo(Duration.ZERO);
    assertThat(d.minimumNotice()).isEqualTo(Duration.ofHours(4));
    assertThat(d.bookingHorizon()).isEqualTo(Duration.ofDays(60));
    assertThat(d.maxPerDay()).isNull();
    assertThat(d.maxPerWeek()).isNull();
    assertThat(d.minimumCancelNotice()).isEqualTo(Duration.ofHours(24));
    assertThat(d.seats()).isEqualTo(1);
    assertThat(d.hosts()).containsExactly(OWNER);
    assertThat(d.reminders()).isEmpty();
    assertThat(d.location()).isNull();
    assertThat(d.active()).isTrue();
  }

  @Test
  void nullMeansTheDefaultToo() {
    ObjectNode body = valid();
    for (String field :
        List.of(
            "slotInterval",
            "bufferBefore",
            "bufferAfter",
            "minimumNotice",
            "bookingHorizon",
            "maxPerDay",
            "maxPerWeek",
            "minimumCancelNotice",
            "seats",
            "hosts",
            "reminders",
            "active",
            "description",
            "location")) {
      body.putNull(field);
    }
    EventTypeDraft d = parse(body);

    assertThat(d.slotInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(d.minimumNotice()).isEqualTo(Duration.ofHours(4));
    assertThat(d.maxPerDay()).isNull();
    assertThat(d.seats()).isEqualTo(1);
    assertThat(d.hosts()).containsExactly(OWNER);
    assertThat(d.active()).isTrue();
  }

  @Test
  void everyFieldGivenIsKept() {
    EventTypeDraft d =
        parse(
            body(
                "{'slug': 'team-demo-2', 'title': 'Demo', 'description': 'Show it',"
                    + " 'duration': 'PT45M', 'slotInterval': 'PT15M', 'bufferBefore': 'PT5M',"
                    + " 'bufferAfter': 'PT10M', 'minimumNotice': 'PT0S', 'bookingHorizon': 'P14D',"
                    + " 'maxPerDay': 3, 'maxPerWeek': 10, 'minimumCancelNotice': 'PT0M',"
                    + " 'seats': 5, 'hosts': ['"
                    + ANA
                    + "'], 'reminders': [{'offset': 'PT10M', 'channel': 'email'}],"
                    + " 'location': 'Room 1', 'active': false}"));

    assertThat(d.slug()).isEqualTo("team-demo-2");
    assertThat(d.description()).isEqualTo("Show it");
    assertThat(d.duration()).isEqualTo(Duration.ofMinutes(45));
    assertThat(d.slotInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.bufferBefore()).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.bufferAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.minimumNotice()).isEqualTo(Duration.ZERO);
    assertThat(d.bookingHorizon()).isEqualTo(Duration.ofDays(14));
    assertThat(d.maxPerDay()).isEqualTo(3);
    assertThat(d.maxPerWeek()).isEqualTo(10);
    assertThat(d.minimumCancelNotice()).isEqualTo(Duration.ZERO);
    assertThat(d.seats()).isEqualTo(5);
    assertThat(d.hosts()).containsExactly(OWNER, ANA);
    assertThat(d.reminders())
        .containsExactly(new ReminderRule(Duration.ofMinutes(10), Channel.EMAIL));
    assertThat(d.location()).isEqualTo("Room 1");
    assertThat(d.active()).isFalse();
  }

  @Test
  void aShortDurationStillGetsSlotsAtLeastFiveMinutesApart() {
    assertThat(parse(with("duration", "'PT2M'")).slotInterval())
        .isEqualTo(EventType.MIN_SLOT_INTERVAL);
  }

  @Test
  void theTypeKeepsWhatTheDraftSays() {
    EventTypeDraft d = parse(with("hosts", "['" + ANA + "']"));
    UUID id = UUID.randomUUID();
    Instant at = Instant.parse("2027-02-01T12:00:00Z");

    EventType t = d.toType(id, OWNER, at);

    assertThat(t.id()).isEqualTo(id);
    assertThat(t.ownerId()).isEqualTo(OWNER);
    assertThat(t.createdAt()).isEqualTo(at);
    assertThat(t.slug()).isEqualTo("intro-call");
    assertThat(t.hosts()).containsExactly(OWNER, ANA);
    assertThat(t.minimumNotice()).isEqualTo(Duration.ofHours(4));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "slug|'Intro'",
        "slug|'intro call'",
        "slug|'intro_call'",
        "slug|''",
        "slug|'ä'",
        "slug|7",
        "title|''",
        "title|'   '",
        "title|42",
        "description|true",
        "duration|'PT0S'",
        "duration|'-PT30M'",
        "duration|'PT12H1S'",
        "duration|'30 minutes'",
        "duration|'P1M'",
        "duration|'PT30M0.5S'",
        "duration|30",
        "slotInterval|'PT4M59S'",
        "slotInterval|'PT0S'",
        "slotInterval|'-PT15M'",
        "slotInterval|'PT24H1S'",
        "slotInterval|'PT10M0.25S'",
        "slotInterval|'often'",
        "bufferBefore|'-PT1S'",
        "bufferBefore|'PT12H1S'",
        "bufferBefore|'PT5'",
        "bufferAfter|'-PT5M'",
        "bufferAfter|'P1D'",
        "bufferAfter|5",
        "minimumNotice|'-PT1H'",
        "minimumNotice|'P367D'",
        "minimumNotice|'soon'",
        "bookingHorizon|'PT0S'",
        "bookingHorizon|'-P1D'",
        "bookingHorizon|'P367D'",
        "bookingHorizon|'P1Y'",
        "minimumCancelNotice|'-PT1M'",
        "minimumCancelNotice|'P367D'",
        "minimumCancelNotice|[]",
        "maxPerDay|0",
        "maxPerDay|1001",
        "maxPerDay|-1",
        "maxPerDay|2.5",
        "maxPerDay|'3'",
        "maxPerDay|99999999999999999999",
        "maxPerWeek|0",
        "maxPerWeek|1001",
        "maxPerWeek|true",
        "seats|0",
        "seats|1001",
        "seats|'2'",
        "seats|1.0",
        "active|'yes'",
        "active|1",
        "hosts|'00000000-0000-0000-0000-0000000000a1'",
        "hosts|{}",
        "reminders|{}",
      })
  void aBadValueIs400NamingItsField(String field, String value) {
    assertThat(messageOf(with(field, value), field)).isNotBlank();
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "slug|'a'",
        "slug|'0-9-a-z'",
        "duration|'PT12H'",
        "duration|'PT1S'",
        "slotInterval|'PT5M'",
        "slotInterval|'PT24H'",
        "slotInterval|'P1D'",
        "bufferBefore|'PT0S'",
        "bufferBefore|'PT12H'",
        "bufferAfter|'PT0M'",
        "minimumNotice|'P366D'",
        "bookingHorizon|'PT1S'",
        "bookingHorizon|'P366D'",
        "minimumCancelNotice|'P366D'",
        "maxPerDay|1",
        "maxPerDay|1000",
        "maxPerWeek|1000",
        "seats|1000",
        "active|false",
        "hosts|[]",
      })
  void theLimitsThemselvesAreAccepted(String field, String value) {
    parse(with(field, value));
  }

  @Test
  void lengthsAreChecked() {
    assertThat(messageOf(with("slug", "'" + "a".repeat(65) + "'"), "slug"))
        .isEqualTo("must be at most 64 characters");
    assertThat(parse(with("slug", "'" + "a".repeat(64) + "'")).slug()).hasSize(64);
    assertThat(messageOf(with("title", "'" + "t".repeat(201) + "'"), "title"))
        .isEqualTo("must be at most 200 characters");
    assertThat(parse(with("title", "'" + "t".repeat(200) + "'")).title()).hasSize(200);
    assertThat(messageOf(with("description", "'" + "d".repeat(5001) + "'"), "description"))
        .isEqualTo("must be at most 5000 characters");
    assertThat(parse(with("description", "'" + "d".repeat(5000) + "'")).description())
        .hasSize(5000);
    assertThat(messageOf(with("location", "'" + "l".repeat(501) + "'"), "location"))
        .isEqualTo("must be at most 500 characters");
    assertThat(parse(with("location", "'" + "l".repeat(500) + "'")).location()).hasSize(500);
  }

  @Test
  void messagesSayWhatIsAllowed() {
    assertThat(messageOf(with("duration", "'PT13H'"), "duration"))
        .isEqualTo("must be a positive duration of at most PT12H");
    assertThat(messageOf(with("slotInterval", "'PT1M'"), "slotInterval"))
        .isEqualTo("must be a duration from PT5M to PT24H");
    assertThat(messageOf(with("bufferBefore", "'-PT1M'"), "bufferBefore"))
        .isEqualTo("must be a duration from PT0S to PT12H");
    assertThat(messageOf(with("bookingHorizon", "'P400D'"), "bookingHorizon"))
        .isEqualTo("must be a positive duration of at most P366D");
    assertThat(messageOf(with("duration", "'half an hour'"), "duration"))
        .isEqualTo("must be an ISO-8601 duration such as PT30M");
    assertThat(messageOf(with("maxPerWeek", "0"), "maxPerWeek"))
        .isEqualTo("must be a whole number from 1 to 1000");
    assertThat(messageOf(with("seats", "0"), "seats"))
        .isEqualTo("must be a whole number from 1 to 1000");
    assertThat(messageOf(with("slug", "'Intro'"), "slug")).isEqualTo(Slugs.RULE);
  }

  @Test
  void slugTitleAndDurationAreRequired() {
    for (String field : List.of("slug", "title", "duration")) {
      ObjectNode missing = valid();
      missing.remove(field);
      assertThat(messageOf(missing, field)).isEqualTo("is required");
      assertThat(messageOf(valid().putNull(field), field)).isEqualTo("is required");
    }
  }

  @Test
  void everyBadFieldIsListedInOneProblem() {
    Problem p =
        problemOf(
            body(
                "{'slug': 'No', 'duration': 'PT0S', 'slotInterval': 'PT1M',"
                    + " 'bufferBefore': '-PT1M', 'bufferAfter': 'P2D', 'minimumNotice': 'x',"
                    + " 'bookingHorizon': 'PT0S', 'maxPerDay': 0, 'maxPerWeek': 5000,"
                    + " 'minimumCancelNotice': 'P999D', 'seats': 0,"
                    + " 'hosts': ['nope', '"
                    + GONE
                    + "'], 'reminders': [{'offset': 'PT0S', 'channel': 'fax'}],"
                    + " 'location': 7, 'active': 'no', 'description': 1}"));

    assertThat(p.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "slug",
            "title",
            "description",
            "duration",
            "slotInterval",
            "bufferBefore",
            "bufferAfter",
            "minimumNotice",
            "bookingHorizon",
            "maxPerDay",
            "maxPerWeek",
            "minimumCancelNotice",
            "seats",
            "hosts[0]",
            "hosts[1]",
            "reminders[0].offset",
            "reminders[0].channel",
            "location",
            "active");
  }

  @Test
  void hostsStartWithTheOwnerKeepTheirOrderAndAppearOnce() {
    EventTypeDraft d =
        parse(with("hosts", "['" + BEN + "', '" + OWNER + "', '" + ANA + "', '" + BEN + "']"));

    assertThat(d.hosts()).containsExactly(OWNER, BEN, ANA);
    assertThat(parse(with("hosts", "['" + OWNER + "']")).hosts()).containsExactly(OWNER);
    assertThat(parse(with("hosts", "[]")).hosts()).containsExactly(OWNER);
  }

  @Test
  void anUnknownHostIsNamedByItsPlaceInTheList() {
    Problem p = problemOf(with("hosts", "['" + ANA + "', '" + GONE + "', '" + GONE + "', 7]"));

    assertThat(p.errors())
        .containsExactly(
            new FieldError("hosts[1]", "no such user"),
            new FieldError("hosts[3]", "must be a user id (a UUID)"));
  }

  @Test
  void atMostTenHostsTheOwnerIncluded() {
    List<String> nine = IntStream.range(0, 9).mapToObj(i -> "'" + user(i) + "'").toList();
    assertThat(parse(with("hosts", nine.toString())).hosts()).hasSize(EventType.MAX_HOSTS);

    List<String> ten = IntStream.range(0, 10).mapToObj(i -> "'" + user(i) + "'").toList();
    assertThat(messageOf(with("hosts", ten.toString()), "hosts"))
        .isEqualTo("at most 10 hosts, the owner included");

    List<String> repeated = IntStream.range(0, 30).mapToObj(i -> "'" + user(i % 3) + "'").toList();
    assertThat(parse(with("hosts", repeated.toString())).hosts()).hasSize(4);

    List<String> tooLong =
        IntStream.range(0, Hosts.MAX_ENTRIES + 1).mapToObj(i -> "'" + OWNER + "'").toList();
    assertThat(messageOf(with("hosts", tooLong.toString()), "hosts"))
        .isEqualTo("must have at most 100 entries");
  }

  @Test
  void theHostsToLookUpAreTheOthersOnce() {
    assertThat(
            Hosts.named(
                with("hosts", "['" + BEN + "', '" + OWNER + "', 'x', '" + BEN + "']"), OWNER))
        .containsExactly(BEN);
    assertThat(Hosts.named(valid(), OWNER)).isEmpty();
    assertThat(Hosts.named(with("hosts", "'" + BEN + "'"), OWNER)).isEmpty();
    List<String> ten = IntStream.range(0, 10).mapToObj(i -> "'" + user(i) + "'").toList();
    assertThat(Hosts.named(with("hosts", ten.toString()), OWNER))
        .as("refused anyway: nobody is looked up")
        .isEmpty();
  }

  private static UUID user(int i) {
    return UUID.fromString(String.format("00000000-0000-0000-0000-0000000001%02d", i));
  }
}
