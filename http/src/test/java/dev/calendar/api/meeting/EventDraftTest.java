package dev.calendar.api.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.api.FieldError;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Problem;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventDraftTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static ObjectNode body(String json) {
    return (ObjectNode) JsonBodies.object(json.replace('\'', '"'));
  }

  private static ObjectNode valid() {
    return body(
        "{'title': ' Planning ', 'start': '2027-03-01T09:00:00Z', 'end': '2027-03-01T10:00:00Z'}");
  }

  /** Parsed for an organizer in Berlin. */
  private static EventDraft parse(ObjectNode body) {
    return EventDraft.parse(body, BERLIN);
  }

  private static Problem problemOf(ObjectNode body) {
    Problem p = catchThrowableOfType(Problem.class, () -> parse(body));
    assertThat(p).as("a problem for %s", body).isNotNull();
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.title()).isEqualTo("Invalid input");
    return p;
  }

  private static String messageOf(ObjectNode body, String field) {
    Problem p = problemOf(body);
    assertThat(p.errors()).extracting(FieldError::field).containsExactly(field);
    return p.errors().get(0).message();
  }

  @Test
  void readsAMinimalEventWithDefaults() {
    EventDraft draft = parse(valid());

    assertThat(draft.title()).isEqualTo("Planning");
    assertThat(draft.schedule().start()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
    assertThat(draft.schedule().end()).isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
    assertThat(draft.schedule().zone()).as("the organizer's").isEqualTo(BERLIN);
    assertThat(draft.schedule().rrule()).isNull();
    assertThat(draft.schedule().exdates()).isEmpty();
    assertThat(draft.participants()).isEmpty();
    assertThat(draft.reminders()).isEmpty();
  }

  @Test
  void titleIsRequiredNotBlankAndAtMost200Characters() {
    var missing = valid();
    missing.remove("title");
    assertThat(messageOf(missing, "title")).isEqualTo("is required");

    var blank = valid().put("title", "   ");
    assertThat(messageOf(blank, "title")).isEqualTo("must not be blank");

    var tooLong = valid().put("title", "x".repeat(EventDraft.MAX_TITLE + 1));
    assertThat(messageOf(tooLong, "title")).isEqualTo("must be at most 200 characters");

    var longest = valid().put("title", "x".repeat(EventDraft.MAX_TITLE));
    assertThat(parse(longest).title()).hasSize(200);

    var number = valid().put("title", 42);
    assertThat(messageOf(number, "title")).isEqualTo("must be a string");
  }

  @Test
  void descriptionAndLocationHaveTheirLimits() {
    var body =
        valid()
            .put("description", "d".repeat(EventDraft.MAX_DESCRIPTION + 1))
            .put("location", "l".repeat(EventDraft.MAX_LOCATION + 1));
    assertThat(problemOf(body).errors())
        .extracting(FieldError::field)
        .containsExactly("description", "location");

    var empty = valid().put("description", "").put("location", "");
    var draft = parse(empty);
    assertThat(draft.description()).isEmpty();
    assertThat(draft.location()).isEmpty();
  }

  @Test
  void startAndEndAreRequiredInstants() {
    var missing = valid();
    missing.remove("start");
    missing.remove("end");
    Problem p = problemOf(missing);
    assertThat(p.errors()).extracting(FieldError::field).containsExactly("start", "end");
    assertThat(p.errors()).extracting(FieldError::message).containsOnly("is required");

    var local = valid().put("start", "2027-03-01T09:00:00");
    assertThat(messageOf(local, "start")).startsWith("must be an RFC 3339 date-time");

    var outOfRange = valid().put("end", "2201-01-01T00:00:00Z");
    assertThat(messageOf(outOfRange, "end")).contains("1900").contains("2200");
  }

  @Test
  void endMustBeAfterStart() {
    var equal = valid().put("end", "2027-03-01T09:00:00Z");
    assertThat(messageOf(equal, "end")).isEqualTo("must be after start");

    var before = valid().put("end", "2027-03-01T08:00:00Z");
    assertThat(messageOf(before, "end")).isEqualTo("must be after start");
  }

  @Test
  void anEventLastsAtMost31Days() {
    var exactly31 = valid().put("end", "2027-04-01T09:00:00Z");
    assertThat(parse(exactly31).schedule().duration()).isEqualTo(Duration.ofDays(31));

    var longer = valid().put("end", "2027-04-01T09:00:01Z");
    assertThat(messageOf(longer, "end")).isEqualTo("an event can last at most 31 days");
  }

  @Test
  void timezoneMustBeAnIanaId() {
    assertThat(parse(valid().put("timezone", "Asia/Tokyo")).schedule().zone())
        .isEqualTo(ZoneId.of("Asia/Tokyo"));

    var unknown = valid().put("timezone", "Mars/Olympus");
    assertThat(messageOf(unknown, "timezone")).startsWith("unknown time zone 'Mars/Olympus'");

    var nullZone = valid().putNull("timezone");
    assertThat(parse(nullZone).schedule().zone()).as("the organizer's").isEqualTo(BERLIN);
  }

  @Test
  void recurrenceRuleLengthIsCheckedOnParse() {
    var empty = valid().put("recurrenceRule", "");
    assertThat(messageOf(empty, "recurrenceRule")).isEqualTo("must not be blank");

    var tooLong = valid().put("recurrenceRule", "FREQ=DAILY;" + "x".repeat(EventDraft.MAX_RULE));
    assertThat(messageOf(tooLong, "recurrenceRule")).isEqualTo("must be at most 1000 characters");
  }

  @Test
  void aValidRuleIsNormalizedIntoTheSchedule() {
    var draft = parse(valid().put("recurrenceRule", "FREQ=WEEKLY;COUNT=3"));
    var details = draft.details();

    assertThat(details.schedule().rrule()).isNotNull().contains("FREQ=WEEKLY").contains("COUNT=3");
    assertThat(details.schedule().zone()).isEqualTo(BERLIN);
  }

  @Test
  void aBadRuleIsA400OnRecurrenceRule() {
    for (String rule :
        new String[] {"FREQ=SOMETIMES", "COUNT=3", "FREQ=DAILY;COUNT=100000", "FREQ=MINUTELY"}) {
      assertThat(messageOf(valid().put("recurrenceRule", rule), "recurrenceRule"))
          .as(rule)
          .isNotBlank();
    }
    assertThat(
            messageOf(valid().put("recurrenceRule", "FREQ=DAILY;COUNT=100000"), "recurrenceRule"))
        .isEqualTo("COUNT may be at most 10000 (an open-ended rule has no COUNT)");
  }

  @Test
  void aBadRuleIsReportedWithTheOtherBadFieldsInOneProblem() {
    var body = valid().put("title", "").put("recurrenceRule", "FREQ=SOMETIMES");
    body.putArray("reminders").addObject().put("offset", "PT1M").put("channel", "fax");

    assertThat(problemOf(body).errors())
        .extracting(FieldError::field)
        .containsExactly("title", "recurrenceRule", "reminders[0].channel");
  }

  @Test
  void theRuleIsCheckedAgainstTheEventsLength() {
    var twoHoursHourly =
        valid().put("end", "2027-03-01T11:00:00Z").put("recurrenceRule", "FREQ=HOURLY;COUNT=3");

    assertThat(messageOf(twoHoursHourly, "recurrenceRule")).contains("overlap");
  }

  @Test
  void theRuleIsNotCheckedAgainstABadSpan() {
    var backwards =
        valid().put("end", "2027-03-01T08:00:00Z").put("recurrenceRule", "FREQ=SOMETIMES");

    assertThat(messageOf(backwards, "end")).isEqualTo("must be after start");
  }

  @Test
  void theRuleIsCheckedInTheOrganizersZoneWhenTheBodyNamesNone() {
    // Berlin springs forward on 2027-03-28: that day's 09:00 comes 23 hours after the day before's.
    var body =
        body(
            "{'title': 'x', 'start': '2027-03-27T08:00:00Z', 'end': '2027-03-28T07:30:00Z',"
                + " 'recurrenceRule': 'FREQ=DAILY;COUNT=3'}");

    assertThat(messageOf(body, "recurrenceRule")).contains("overlap");
    assertThat(EventDraft.parse(body, ZoneId.of("UTC")).schedule().rrule()).isNotNull();
    assertThat(EventDraft.parse(body.put("timezone", "UTC"), BERLIN).schedule().zone())
        .as("the body's zone, where the series never overlaps")
        .isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void theBodysZoneWinsOverTheOrganizers() {
    var draft = parse(valid().put("timezone", "America/New_York"));
    assertThat(draft.details().schedule().zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(parse(valid()).details().schedule().zone()).isEqualTo(BERLIN);
  }

  @Test
  void exdatesOnlyWithARule() {
    var withoutRule = valid();
    withoutRule.putArray("exdates").add("2027-03-08T09:00:00Z");
    assertThat(messageOf(withoutRule, "exdates"))
        .isEqualTo("only a recurring event can have exdates");

    var emptyWithoutRule = valid();
    emptyWithoutRule.putArray("exdates");
    assertThat(parse(emptyWithoutRule).schedule().exdates()).isEmpty();

    var withRule = valid().put("recurrenceRule", "FREQ=WEEKLY;COUNT=3");
    withRule.putArray("exdates").add("2027-03-08T09:00:00Z");
    assertThat(parse(withRule).schedule().exdates())
        .containsExactly(Instant.parse("2027-03-08T09:00:00Z"));
  }

  @Test
  void exdatesWithoutARuleAreReportedWithTheOtherBadFields() {
    var body = valid().put("title", "").put("end", "2027-03-01T08:00:00Z");
    body.putArray("exdates").add("2027-03-08T09:00:00Z");

    assertThat(problemOf(body).errors())
        .containsExactly(
            new FieldError("title", "must not be blank"),
            new FieldError("end", "must be after start"),
            new FieldError("exdates", "only a recurring event can have exdates"));
  }

  @Test
  void exdatesAreNotBlamedOnAnUnreadableRule() {
    var body = valid().put("recurrenceRule", "x".repeat(EventDraft.MAX_RULE + 1));
    body.putArray("exdates").add("2027-03-08T09:00:00Z");

    assertThat(messageOf(body, "recurrenceRule")).isEqualTo("must be at most 1000 characters");
  }

  @Test
  void theSpanIsCheckedEvenWhenTheZoneIsUnreadable() {
    var body = valid().put("end", "2027-03-01T08:00:00Z").put("timezone", "Nowhere");

    assertThat(problemOf(body).errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("timezone", "end");
  }

  @Test
  void badExdatesAreNamedByIndex() {
    var body = valid().put("recurrenceRule", "FREQ=DAILY;COUNT=5");
    body.putArray("exdates").add("2027-03-02T09:00:00Z").add("tomorrow").add(7);
    assertThat(problemOf(body).errors())
        .extracting(FieldError::field)
        .containsExactly("exdates[1]", "exdates[2]");

    var notAList = valid().put("recurrenceRule", "FREQ=DAILY;COUNT=5").put("exdates", "x");
    assertThat(messageOf(notAList, "exdates")).isEqualTo("must be an array");
  }

  @Test
  void participantsAreUsersOrAddresses() {
    UUID ann = UUID.randomUUID();
    var body = valid();
    var list = body.putArray("participants");
    list.addObject().put("userId", ann.toString());
    list.addObject().put("email", " Bob@Example.COM ").put("name", "Bob");

    var draft = parse(body);

    assertThat(draft.participants())
        .containsExactly(
            new Participant(ann, null, null), new Participant(null, "bob@example.com", "Bob"));
    assertThat(draft.internalParticipants()).containsExactly(ann);
  }

  @Test
  void aParticipantWithoutUserIdOrEmailIsNamedEvenWhenOtherFieldsAreBad() {
    var body = valid();
    body.put("title", "");
    body.putArray("participants").addObject().put("name", "Nobody");

    Problem p = problemOf(body);

    assertThat(p.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("title", "participants[0].userId");
  }

  @Test
  void aParticipantNeedsAUserIdOrAnEmail() {
    var body = valid();
    var list = body.putArray("participants");
    list.addObject().put("name", "Nobody");
    list.addObject().put("userId", "not-a-uuid");
    list.addObject().put("email", "not an address");
    list.add("just text");

    Problem p = problemOf(body);

    assertThat(p.errors())
        .containsExactly(
            new FieldError("participants[0].userId", "a participant needs a userId or an email"),
            new FieldError("participants[1].userId", "must be a UUID"),
            new FieldError("participants[2].email", "must be an email address"),
            new FieldError("participants[3]", "must be an object"));
    assertThat(p.detail()).isEqualTo("4 fields are invalid");
  }

  @Test
  void participantsAreDedupedFirstOneWins() {
    UUID ann = UUID.randomUUID();
    var body = valid();
    var list = body.putArray("participants");
    list.addObject().put("userId", ann.toString()).put("name", "first");
    list.addObject().put("email", "bob@example.com").put("name", "Bob");
    list.addObject().put("userId", ann.toString()).put("name", "second");
    list.addObject().put("email", "BOB@example.com").put("name", "Robert");

    assertThat(parse(body).participants())
        .containsExactly(
            new Participant(ann, null, "first"), new Participant(null, "bob@example.com", "Bob"));
  }

  @Test
  void atMost100Participants() {
    var body = valid();
    var list = body.putArray("participants");
    for (int i = 0; i <= EventDraft.MAX_PARTICIPANTS; i++) {
      list.addObject().put("email", "p" + i + "@example.com");
    }
    assertThat(messageOf(body, "participants")).isEqualTo("must have at most 100 entries");
  }

  @Test
  void remindersAreOffsetsAndChannels() {
    var body = valid();
    body.putArray("reminders").addObject().put("offset", "PT10M").put("channel", "email");

    var reminders = parse(body).reminders();

    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).offset()).isEqualTo(Duration.ofMinutes(10));
    assertThat(reminders.get(0).channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void badRemindersAreNamedByIndexAndField() {
    var body = valid();
    var list = body.putArray("reminders");
    list.addObject().put("offset", "ten minutes").put("channel", "email");
    list.addObject().put("offset", "P29D").put("channel", "pigeon");
    list.addObject();

    assertThat(problemOf(body).errors())
        .containsExactly(
            new FieldError("reminders[0].offset", "must be an ISO-8601 duration such as PT10M"),
            new FieldError("reminders[1].offset", "must be a positive duration of at most PT672H"),
            new FieldError("reminders[1].channel", "must be one of email, sms, push, webhook"),
            new FieldError("reminders[2].offset", "is required"),
            new FieldError("reminders[2].channel", "is required"));
  }

  @Test
  void atMostTenReminders() {
    var body = valid();
    var list = body.putArray("reminders");
    for (int i = 0; i < 11; i++) {
      list.addObject().put("offset", "PT" + (i + 1) + "M").put("channel", "push");
    }
    assertThat(messageOf(body, "reminders")).isEqualTo("must have at most 10 entries");
  }

  @Test
  void everyBadFieldIsReportedAtOnce() {
    var body =
        body(
            "{'title': '', 'start': 'soon', 'end': '2027-03-01T10:00:00Z', 'timezone': 'Nowhere',"
                + " 'participants': [{'email': 'nope'}], 'reminders': [{'offset': 'PT1M', 'channel': 'fax'}]}");

    assertThat(problemOf(body).errors())
        .extracting(FieldError::field)
        .containsExactly(
            "title", "start", "timezone", "participants[0].email", "reminders[0].channel");
  }
}
