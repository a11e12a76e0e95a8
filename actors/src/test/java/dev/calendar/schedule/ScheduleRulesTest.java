package dev.calendar.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.schedule.ScheduleRules.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleRulesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant START = Instant.parse("2027-03-01T09:00:00Z");
  private static final Instant HOUR_LATER = START.plus(Duration.ofHours(1));

  /** The Saturday before Berlin springs forward: the next day's 09:00 comes only 23 hours on. */
  private static final Instant BEFORE_SPRING_FORWARD = Instant.parse("2027-03-27T08:00:00Z");

  private static final Duration TWENTY_THREE_AND_A_HALF_HOURS = Duration.ofMinutes(23 * 60 + 30);

  @Test
  void endMustComeAfterStart() {
    assertThat(ScheduleRules.endAfterStart(START, HOUR_LATER)).isEmpty();
    assertThat(ScheduleRules.endAfterStart(START, START))
        .contains(new TimingError("end", "must be after start"));
    assertThat(ScheduleRules.endAfterStart(HOUR_LATER, START))
        .contains(new TimingError("end", "must be after start"));
  }

  @Test
  void aSpanLastsAtMostMaxDurationNamedAsAnEventOrAnOccurrence() {
    Instant longest = START.plus(Schedule.MAX_DURATION);
    assertThat(ScheduleRules.span(Span.EVENT, START, longest)).isEmpty();
    assertThat(ScheduleRules.span(Span.OCCURRENCE, START, longest)).isEmpty();

    Instant tooLate = longest.plusSeconds(1);
    assertThat(ScheduleRules.span(Span.EVENT, START, tooLate))
        .contains(new TimingError("end", "an event can last at most 31 days"));
    assertThat(ScheduleRules.span(Span.OCCURRENCE, START, tooLate))
        .contains(new TimingError("end", "an occurrence can last at most 31 days"));
  }

  @Test
  void aSpanMustFirstEndAfterItsStart() {
    assertThat(ScheduleRules.span(Span.OCCURRENCE, HOUR_LATER, START))
        .contains(new TimingError("end", "must be after start"));
  }

  @Test
  void aValidEventBecomesItsScheduleWithTheRuleNormalized() {
    var checked =
        ScheduleRules.event(
            START, HOUR_LATER, BERLIN, "RRULE:FREQ=WEEKLY;COUNT=3", List.of(START.plus(week())));

    assertThat(checked.valid()).isTrue();
    assertThat(checked.errors()).isEmpty();
    assertThat(checked.schedule())
        .isEqualTo(
            new Schedule(
                START,
                HOUR_LATER,
                BERLIN,
                "FREQ=WEEKLY;COUNT=3",
                List.of(START.plus(week())),
                List.of()));
  }

  @Test
  void aSingleEventKeepsNoRule() {
    var checked = ScheduleRules.event(START, HOUR_LATER, BERLIN, null, List.of());

    assertThat(checked.schedule()).isEqualTo(Schedule.single(START, HOUR_LATER, BERLIN));
  }

  @Test
  void anEventBreakingItsSpanHasNoSchedule() {
    var checked = ScheduleRules.event(START, START, BERLIN, null, List.of());

    assertThat(checked.valid()).isFalse();
    assertThat(checked.schedule()).isNull();
    assertThat(checked.errors()).containsExactly(new TimingError("end", "must be after start"));

    var tooLong =
        ScheduleRules.event(START, START.plus(Duration.ofDays(32)), BERLIN, null, List.of());
    assertThat(tooLong.errors())
        .containsExactly(new TimingError("end", "an event can last at most 31 days"));
  }

  @Test
  void aBadRuleIsAnErrorOnRecurrenceRuleWithTheRulesOwnMessage() {
    for (String rule :
        List.of("FREQ=SOMETIMES", "COUNT=3", "FREQ=DAILY;COUNT=100000", "FREQ=MINUTELY")) {
      var checked = ScheduleRules.event(START, HOUR_LATER, BERLIN, rule, List.of());

      assertThat(checked.schedule()).as(rule).isNull();
      assertThat(checked.errors()).as(rule).hasSize(1);
      assertThat(checked.errors().get(0).field()).as(rule).isEqualTo("recurrenceRule");
      assertThat(checked.errors().get(0).message()).as(rule).isNotBlank();
    }
    var tooMany =
        ScheduleRules.event(START, HOUR_LATER, BERLIN, "FREQ=DAILY;COUNT=100000", List.of());
    assertThat(tooMany.errors().get(0).message())
        .isEqualTo("COUNT may be at most 10000 (an open-ended rule has no COUNT)");
  }

  @Test
  void theRuleIsCheckedInTheEventsZone() {
    Instant end = BEFORE_SPRING_FORWARD.plus(TWENTY_THREE_AND_A_HALF_HOURS);

    var inBerlin =
        ScheduleRules.event(BEFORE_SPRING_FORWARD, end, BERLIN, "FREQ=DAILY;COUNT=3", List.of());
    var inUtc =
        ScheduleRules.event(
            BEFORE_SPRING_FORWARD, end, ZoneOffset.UTC, "FREQ=DAILY;COUNT=3", List.of());

    assertThat(inBerlin.errors()).extracting(TimingError::field).containsExactly("recurrenceRule");
    assertThat(inBerlin.errors().get(0).message()).contains("overlap");
    assertThat(inUtc.valid()).isTrue();
  }

  @Test
  void theRuleIsCheckedAgainstTheEventsLength() {
    var hourLong = ScheduleRules.event(START, HOUR_LATER, BERLIN, "FREQ=HOURLY;COUNT=3", List.of());
    var twoHours =
        ScheduleRules.event(
            START, START.plus(Duration.ofHours(2)), BERLIN, "FREQ=HOURLY;COUNT=3", List.of());

    assertThat(hourLong.valid()).isTrue();
    assertThat(twoHours.errors()).extracting(TimingError::field).containsExactly("recurrenceRule");
  }

  @Test
  void theRuleIsNotCheckedAgainstABrokenSpan() {
    var checked = ScheduleRules.event(HOUR_LATER, START, BERLIN, "FREQ=SOMETIMES", List.of());

    assertThat(checked.errors()).containsExactly(new TimingError("end", "must be after start"));
  }

  @Test
  void onlyASeriesHasExdates() {
    var single = ScheduleRules.event(START, HOUR_LATER, BERLIN, null, List.of(START.plus(week())));

    assertThat(single.schedule()).isNull();
    assertThat(single.errors())
        .containsExactly(new TimingError("exdates", "only a recurring event can have exdates"));
  }

  @Test
  void everyBrokenRuleIsReportedTogether() {
    var checked = ScheduleRules.event(START, START, BERLIN, null, List.of(START.plus(week())));

    assertThat(checked.errors())
        .containsExactly(
            new TimingError("end", "must be after start"),
            new TimingError("exdates", "only a recurring event can have exdates"));
  }

  private static Duration week() {
    return Duration.ofDays(7);
  }
}
