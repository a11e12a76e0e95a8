package dev.calendar.stream.sync.outlook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RRULE lines as Graph recurrence patterns, for the rules Graph can say. */
class OutlookRecurrenceTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  // Thursday 2026-12-10, 09:00 in Berlin; 23:30 UTC the day before would be the 10th in Berlin too.
  private static final Instant START = Instant.parse("2026-12-10T08:00:00Z");

  @Test
  void dailyWithAnIntervalAndNoEnd() {
    assertThat(pattern("RRULE:FREQ=DAILY;INTERVAL=2"))
        .contains(
            "{\"pattern\":{\"type\":\"daily\",\"interval\":2},"
                + "\"range\":{\"startDate\":\"2026-12-10\",\"recurrenceTimeZone\":\"Europe/Berlin\",\"type\":\"noEnd\"}}");
  }

  @Test
  void weeklyOnDaysUntilADayInTheSeriesZone() {
    // UNTIL 2027-01-31T23:30Z is already February 1st in Berlin.
    assertThat(pattern("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;WKST=MO;UNTIL=20270131T233000Z"))
        .contains(
            "{\"pattern\":{\"type\":\"weekly\",\"interval\":1,\"daysOfWeek\":[\"monday\",\"wednesday\"],"
                + "\"firstDayOfWeek\":\"monday\"},"
                + "\"range\":{\"startDate\":\"2026-12-10\",\"recurrenceTimeZone\":\"Europe/Berlin\","
                + "\"type\":\"endDate\",\"endDate\":\"2027-02-01\"}}");
  }

  @Test
  void weeklyWithoutDaysRepeatsOnTheFirstOccurrencesWeekdayAndCountsOccurrences() {
    assertThat(pattern("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=5"))
        .contains(
            "{\"pattern\":{\"type\":\"weekly\",\"interval\":2,\"daysOfWeek\":[\"thursday\"]},"
                + "\"range\":{\"startDate\":\"2026-12-10\",\"recurrenceTimeZone\":\"Europe/Berlin\","
                + "\"type\":\"numbered\",\"numberOfOccurrences\":5}}");
  }

  @Test
  void exdatesAreLeftOutAndTheRuleStillTranslated() {
    assertThat(
            GraphRecurrence.of(
                List.of("EXDATE;TZID=Europe/Berlin:20261217T090000", "RRULE:FREQ=DAILY;COUNT=3"),
                START,
                BERLIN))
        .isPresent();
  }

  @Test
  void whatGraphCannotSayHasNoPattern() {
    assertThat(pattern("RRULE:FREQ=MONTHLY;BYMONTHDAY=10")).isEmpty();
    assertThat(pattern("RRULE:FREQ=WEEKLY;BYDAY=1MO")).isEmpty();
    assertThat(pattern("RRULE:FREQ=DAILY;BYHOUR=9,17")).isEmpty();
    assertThat(pattern("RRULE:FREQ=DAILY;BYDAY=MO,TU")).isEmpty();
    assertThat(pattern("RRULE:FREQ=YEARLY")).isEmpty();
    assertThat(pattern("RRULE:FREQ=DAILY;COUNT=x")).isEmpty();
    assertThat(GraphRecurrence.of(List.of(), START, BERLIN)).isEmpty();
    assertThat(GraphRecurrence.of(List.of("RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY"), START, BERLIN))
        .isEmpty();
  }

  private static Optional<String> pattern(String rule) {
    return GraphRecurrence.of(List.of(rule), START, BERLIN).map(Object::toString);
  }
}
