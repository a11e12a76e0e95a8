package dev.calendar.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.Channel;
import dev.calendar.notification.ReminderRule;
import dev.calendar.schedule.OccurrenceOverride;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReminderPlanTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final UUID ORGANIZER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID COLLEAGUE = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final ReminderRule EMAIL_15M =
      new ReminderRule(Duration.ofMinutes(15), Channel.EMAIL);

  // Mondays 09:00 Berlin from 22 March 2027; summer time starts on Sunday 28 March and ends on
  // Sunday 31 October 2027.
  private static final Instant MONDAY_22_MARCH = Instant.parse("2027-03-22T08:00:00Z");

  @Test
  void weeklySeriesRemindsAtTheSameLocalTimeAcrossTheMarchChange() {
    Meeting m = weekly(MONDAY_22_MARCH, BERLIN, List.of(), List.of());

    assertThat(dueTimes(m, Instant.parse("2027-03-22T07:00:00Z")))
        .containsExactly(Instant.parse("2027-03-22T07:45:00Z"));
    // 09:00 CEST is 07:00Z: the reminder moves an hour earlier in UTC
    assertThat(dueTimes(m, Instant.parse("2027-03-22T07:45:00Z")))
        .containsExactly(Instant.parse("2027-03-29T06:45:00Z"));
  }

  @Test
  void weeklySeriesRemindsAtTheSameLocalTimeAcrossTheOctoberChange() {
    Meeting m = weekly(MONDAY_22_MARCH, BERLIN, List.of(), List.of());

    assertThat(dueTimes(m, Instant.parse("2027-10-18T07:00:00Z")))
        .containsExactly(Instant.parse("2027-10-25T06:45:00Z"));
    assertThat(dueTimes(m, Instant.parse("2027-10-25T06:45:00Z")))
        .containsExactly(Instant.parse("2027-11-01T07:45:00Z"));
  }

  @Test
  void weeklySeriesInNewYorkAcrossItsMarchChange() {
    // Thursdays 10:00 New York; daylight time starts on Sunday 14 March 2027.
    Meeting m = weekly(Instant.parse("2027-03-11T15:00:00Z"), NEW_YORK, List.of(), List.of());

    assertThat(dueTimes(m, Instant.parse("2027-03-11T14:00:00Z")))
        .containsExactly(Instant.parse("2027-03-11T14:45:00Z"));
    assertThat(dueTimes(m, Instant.parse("2027-03-11T14:45:00Z")))
        .containsExactly(Instant.parse("2027-03-18T13:45:00Z"));
  }

  @Test
  void skipsAnExdate() {
    Meeting m =
        weekly(MONDAY_22_MARCH, BERLIN, List.of(Instant.parse("2027-03-29T07:00:00Z")), List.of());

    assertThat(dueTimes(m, Instant.parse("2027-03-22T07:45:00Z")))
        .containsExactly(Instant.parse("2027-04-05T06:45:00Z"));
  }

  @Test
  void aMovedOccurrenceRemindsAtItsNewTimeUnderItsNewStart() {
    Instant original = Instant.parse("2027-03-29T07:00:00Z");
    Instant moved = Instant.parse("2027-03-30T12:00:00Z");
    var override =
        new OccurrenceOverride(original, moved, moved.plus(Duration.ofMinutes(30)), "Moved sync");
    Meeting m = weekly(MONDAY_22_MARCH, BERLIN, List.of(), List.of(override));

    List<DueReminder> next = plan(m, Instant.parse("2027-03-22T07:45:00Z"));

    assertThat(next).hasSize(1);
    DueReminder r = next.get(0);
    assertThat(r.dueAt()).isEqualTo(Instant.parse("2027-03-30T11:45:00Z"));
    assertThat(r.occurrenceStart()).isEqualTo(moved);
    assertThat(r.end()).isEqualTo(moved.plus(Duration.ofMinutes(30)));
    assertThat(r.title()).isEqualTo("Moved sync");
    assertThat(r.key()).contains(":" + moved + ":");
  }

  @Test
  void aCancelledOccurrenceIsNotRemindedOfEvenIfItHadBeenMoved() {
    Instant original = Instant.parse("2027-03-29T07:00:00Z");
    Instant moved = Instant.parse("2027-03-30T12:00:00Z");
    // cancelling a moved instance leaves its EXDATE; an override left behind must not revive it
    var override =
        new OccurrenceOverride(original, moved, moved.plus(Duration.ofMinutes(30)), null);
    Meeting m = weekly(MONDAY_22_MARCH, BERLIN, List.of(original), List.of(override));

    assertThat(dueTimes(m, Instant.parse("2027-03-22T07:45:00Z")))
        .containsExactly(Instant.parse("2027-04-05T06:45:00Z"));
  }

  @Test
  void aCancelledMeetingHasNoReminders() {
    Meeting m = weekly(MONDAY_22_MARCH, BERLIN, List.of(), List.of());
    Meeting cancelled =
        new Meeting(
            m.id(), ORGANIZER, m.details(), true, m.createdAt(), m.updatedAt(), 2, m.attemptId());

    assertThat(plan(cancelled, Instant.parse("2027-03-22T07:00:00Z"))).isEmpty();
  }

  @Test
  void aSingleEventRemindsOnceAndNotAfterItsDueTime() {
    Instant start = Instant.parse("2027-05-03T10:00:00Z");
    Meeting m =
        meeting(
            Schedule.single(start, start.plus(Duration.ofHours(1)), BERLIN),
            List.of(EMAIL_15M),
            List.of());

    assertThat(dueTimes(m, Instant.parse("2027-05-01T00:00:00Z")))
        .containsExactly(Instant.parse("2027-05-03T09:45:00Z"));
    assertThat(plan(m, Instant.parse("2027-05-03T09:45:00Z"))).isEmpty();
  }

  @Test
  void findsTheNextOccurrenceOfASparseSeriesAYearAhead() {
    Instant start = Instant.parse("2027-06-01T08:00:00Z");
    var schedule =
        new Schedule(
            start, start.plus(Duration.ofHours(1)), BERLIN, "FREQ=YEARLY", List.of(), List.of());
    Meeting m = meeting(schedule, List.of(EMAIL_15M), List.of());

    assertThat(dueTimes(m, Instant.parse("2027-06-01T07:45:00Z")))
        .containsExactly(Instant.parse("2028-06-01T07:45:00Z"));
  }

  @Test
  void eventRulesGoToUsersAndTheirEmailRulesToGuests() {
    var sms = new ReminderRule(Duration.ofMinutes(5), Channel.SMS);
    Meeting m =
        weekly(MONDAY_22_MARCH, BERLIN, List.of(), List.of(), List.of(EMAIL_15M, sms), guests());

    assertThat(ReminderPlan.usersNeedingDefaults(m)).isEmpty();
    List<DueReminder> next = plan(m, Instant.parse("2027-03-22T07:00:00Z"));

    assertThat(next)
        .extracting(r -> r.recipient() + " " + r.channel() + " " + r.dueAt())
        .containsExactlyInAnyOrder(
            ORGANIZER + " EMAIL 2027-03-22T07:45:00Z",
            ORGANIZER + " SMS 2027-03-22T07:55:00Z",
            COLLEAGUE + " EMAIL 2027-03-22T07:45:00Z",
            COLLEAGUE + " SMS 2027-03-22T07:55:00Z",
            "guest@example.com EMAIL 2027-03-22T07:45:00Z");
    DueReminder guest = next.stream().filter(r -> r.userId() == null).findFirst().orElseThrow();
    assertThat(guest.address()).isEqualTo("guest@example.com");
    assertThat(guest.historyUserId()).isEqualTo(ORGANIZER);
  }

  @Test
  void withoutEventRulesUsersGetTheirDefaultsAndGuestsTheOrganizersEmailDefaults() {
    Meeting m = weekly(MONDAY_22_MARCH, BERLIN, List.of(), List.of(), List.of(), guests());
    var organizerDefaults =
        List.of(
            new ReminderRule(Duration.ofHours(1), Channel.PUSH),
            new ReminderRule(Duration.ofMinutes(10), Channel.EMAIL));
    var colleagueDefaults = List.of(new ReminderRule(Duration.ofMinutes(30), Channel.WEBHOOK));

    assertThat(ReminderPlan.usersNeedingDefaults(m))
        .containsExactlyInAnyOrder(ORGANIZER, COLLEAGUE);
    var recipients =
        ReminderPlan.recipients(
            m, Map.of(ORGANIZER, organizerDefaults, COLLEAGUE, colleagueDefaults));
    List<DueReminder> next =
        ReminderPlan.next(m, recipients, Instant.parse("2027-03-22T06:00:00Z"));

    assertThat(next)
        .extracting(r -> r.recipient() + " " + r.channel() + " " + r.dueAt())
        .containsExactlyInAnyOrder(
            ORGANIZER + " PUSH 2027-03-22T07:00:00Z",
            ORGANIZER + " EMAIL 2027-03-22T07:50:00Z",
            COLLEAGUE + " WEBHOOK 2027-03-22T07:30:00Z",
            "guest@example.com EMAIL 2027-03-22T07:50:00Z");
    assertThat(next).allSatisfy(r -> assertThat(r.recurring()).isTrue());
  }

  @Test
  void everyReminderCarriesTheEventsZoneForGuestsAndUsersAlike() {
    Meeting m =
        weekly(
            Instant.parse("2027-03-11T15:00:00Z"),
            NEW_YORK,
            List.of(),
            List.of(),
            List.of(EMAIL_15M),
            guests());

    List<DueReminder> next = plan(m, Instant.parse("2027-03-11T14:00:00Z"));

    assertThat(next).extracting(DueReminder::recipient).contains("guest@example.com");
    assertThat(next).extracting(DueReminder::zone).containsOnly(NEW_YORK);
  }

  @Test
  void usersWithoutDefaultsAndGuestsWithoutEmailRulesGetNothing() {
    Meeting m = weekly(MONDAY_22_MARCH, BERLIN, List.of(), List.of(), List.of(), guests());
    var pushOnly = List.of(new ReminderRule(Duration.ofMinutes(10), Channel.PUSH));

    var recipients = ReminderPlan.recipients(m, Map.of(ORGANIZER, pushOnly));

    assertThat(recipients).extracting(Recipient::id).containsExactly(ORGANIZER.toString());
  }

  private static List<Participant> guests() {
    return List.of(
        new Participant(COLLEAGUE, null, null),
        new Participant(null, "guest@example.com", "Guest"),
        new Participant(null, "guest@example.com", "Guest again"));
  }

  private static List<Instant> dueTimes(Meeting m, Instant after) {
    return plan(m, after).stream().map(DueReminder::dueAt).toList();
  }

  private static List<DueReminder> plan(Meeting m, Instant after) {
    return ReminderPlan.next(m, ReminderPlan.recipients(m, Map.of()), after);
  }

  private static Meeting weekly(
      Instant start, ZoneId zone, List<Instant> exdates, List<OccurrenceOverride> overrides) {
    return weekly(start, zone, exdates, overrides, List.of(EMAIL_15M), List.of());
  }

  private static Meeting weekly(
      Instant start,
      ZoneId zone,
      List<Instant> exdates,
      List<OccurrenceOverride> overrides,
      List<ReminderRule> rules,
      List<Participant> participants) {
    var schedule =
        new Schedule(
            start, start.plus(Duration.ofMinutes(30)), zone, "FREQ=WEEKLY", exdates, overrides);
    return meeting(schedule, rules, participants);
  }

  private static Meeting meeting(
      Schedule schedule, List<ReminderRule> rules, List<Participant> participants) {
    Instant created = Instant.parse("2027-01-01T00:00:00Z");
    return new Meeting(
        UUID.fromString("00000000-0000-0000-0000-0000000000ee"),
        ORGANIZER,
        new MeetingDetails("Sync", null, null, schedule, participants, rules),
        false,
        created,
        created,
        1,
        UUID.randomUUID());
  }
}
