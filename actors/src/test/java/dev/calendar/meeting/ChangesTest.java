package dev.calendar.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant MONDAY = Instant.parse("2031-03-03T08:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private static MeetingDetails dailyStandUp() {
    String rule = Schedule.validate("FREQ=DAILY;COUNT=5", MONDAY, HOUR, BERLIN);
    var schedule = new Schedule(MONDAY, MONDAY.plus(HOUR), BERLIN, rule, List.of(), List.of());
    return new MeetingDetails("Stand-up", null, null, schedule, List.of(), List.of());
  }

  @Test
  void aMovedOccurrenceMayNotLandOnAnotherOccurrenceOfItsSeries() {
    Instant tuesday = MONDAY.plus(Duration.ofDays(1));
    var onTuesday = new MeetingEntity.EditOccurrence(MONDAY, tuesday.plusSeconds(1800), null, null);

    assertThatThrownBy(() -> Changes.apply(dailyStandUp(), onTuesday))
        .isInstanceOf(Changes.InvalidChange.class)
        .hasMessageContaining("same series")
        .extracting(e -> ((Changes.InvalidChange) e).field())
        .isEqualTo("start");
  }

  @Test
  void aMovedOccurrenceMayOverlapItsOwnOldTime() {
    var later = new MeetingEntity.EditOccurrence(MONDAY, MONDAY.plusSeconds(1800), null, null);

    var changed = Changes.apply(dailyStandUp(), later);

    assertThat(changed.schedule().overrides()).hasSize(1);
  }

  @Test
  void anEditedOccurrenceMustEndAfterItStarts() {
    var backwards =
        new MeetingEntity.EditOccurrence(MONDAY, MONDAY.plusSeconds(1800), MONDAY, null);

    assertThatThrownBy(() -> Changes.apply(dailyStandUp(), backwards))
        .isInstanceOf(Changes.InvalidChange.class)
        .hasMessage("must be after start")
        .extracting(e -> ((Changes.InvalidChange) e).field())
        .isEqualTo("end");
  }

  @Test
  void anEndAloneBeforeTheOccurrencesStartIsRefused() {
    var endOnly = new MeetingEntity.EditOccurrence(MONDAY, null, MONDAY.minusSeconds(60), null);

    assertThatThrownBy(() -> Changes.apply(dailyStandUp(), endOnly))
        .isInstanceOf(Changes.InvalidChange.class)
        .hasMessage("must be after start");
  }

  @Test
  void anEditedOccurrenceLastsAtMostMaxDuration() {
    Instant friday = MONDAY.plus(Duration.ofDays(4));
    var tooLong =
        new MeetingEntity.EditOccurrence(
            friday, null, friday.plus(Schedule.MAX_DURATION).plusSeconds(1), null);

    assertThatThrownBy(() -> Changes.apply(dailyStandUp(), tooLong))
        .isInstanceOf(Changes.InvalidChange.class)
        .hasMessage("an occurrence can last at most 31 days")
        .extracting(e -> ((Changes.InvalidChange) e).field())
        .isEqualTo("end");
  }

  @Test
  void theLastOccurrenceMayLastExactlyMaxDuration() {
    Instant friday = MONDAY.plus(Duration.ofDays(4));
    var longest =
        new MeetingEntity.EditOccurrence(friday, null, friday.plus(Schedule.MAX_DURATION), null);

    var changed = Changes.apply(dailyStandUp(), longest);

    assertThat(changed.schedule().overrides())
        .singleElement()
        .extracting(o -> o.end())
        .isEqualTo(friday.plus(Schedule.MAX_DURATION));
  }
}
