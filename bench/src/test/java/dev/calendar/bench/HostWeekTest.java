package dev.calendar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostWeekTest {
  // A Friday before the end of daylight-saving time in Berlin and New York: the 31 days cross it.
  private static final LocalDate TODAY = LocalDate.of(2027, 10, 15);

  @Test
  void everyMeetingLiesInWorkingHoursAndNoneOverlapsAnotherOrTheWeeklyOne() {
    for (ZoneId zone : BookingPagesSetUp.ZONES) {
      for (long seed = 0; seed < 50; seed++) {
        var week = HostWeek.generate(zone, TODAY, 60, new Random(seed));

        List<HostWeek.Meeting> all = new ArrayList<>(week.singles());
        for (int w = 0; w < 6; w++) {
          var first = week.weekly();
          ZonedDateTime start = first.start().atZone(zone).plusWeeks(w);
          all.add(new HostWeek.Meeting(start.toInstant(), start.plusHours(1).toInstant()));
        }
        for (HostWeek.Meeting m : all) {
          ZonedDateTime start = m.start().atZone(zone);
          ZonedDateTime end = m.end().atZone(zone);
          assertThat(start.toLocalDate()).isEqualTo(end.toLocalDate());
          assertThat(HostWeek.WORKING_DAYS).contains(start.getDayOfWeek());
          assertThat(start.toLocalTime()).isAfterOrEqualTo(HostWeek.DAY_START);
          assertThat(end.toLocalTime()).isBeforeOrEqualTo(HostWeek.DAY_END);
          assertThat(start.getMinute() % 30).isZero();
          assertThat(Duration.between(m.start(), m.end()))
              .isIn(Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(90));
        }
        for (int i = 0; i < all.size(); i++) {
          for (int j = i + 1; j < all.size(); j++) {
            var a = all.get(i);
            var b = all.get(j);
            assertThat(a.start().isBefore(b.end()) && b.start().isBefore(a.end()))
                .as("%s overlaps %s (%s, seed %d)", a, b, zone, seed)
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void singlesFillTheNext31DaysAsAskedAndTheWeeklyMeetingStartsInTheComingWeek() {
    ZoneId zone = ZoneId.of("Asia/Kolkata");
    var week = HostWeek.generate(zone, TODAY, 45, new Random(7));

    assertThat(week.singles()).hasSize(45);
    assertThat(week.singles())
        .allSatisfy(
            m -> {
              LocalDate day = m.start().atZone(zone).toLocalDate();
              assertThat(day).isAfter(TODAY).isBeforeOrEqualTo(TODAY.plusDays(HostWeek.DAYS));
            });
    assertThat(week.singles()).isSortedAccordingTo((a, b) -> a.start().compareTo(b.start()));
    ZonedDateTime weekly = week.weekly().start().atZone(zone);
    assertThat(weekly.toLocalDate()).isAfter(TODAY).isBeforeOrEqualTo(TODAY.plusDays(7));
    assertThat(weekly.getMinute()).isZero();
    assertThat(weekly.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    assertThat(Duration.between(week.weekly().start(), week.weekly().end()))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theSameSeedGivesTheSameWeek() {
    ZoneId zone = ZoneId.of("America/New_York");

    assertThat(HostWeek.generate(zone, TODAY, 30, new Random(3)))
        .isEqualTo(HostWeek.generate(zone, TODAY, 30, new Random(3)));
  }

  @Test
  void aFullCalendarGetsWhatFitsAndNoMore() {
    // 22 or so working days of 16 half hours cannot take 2,000 meetings.
    var week = HostWeek.generate(ZoneId.of("Europe/Berlin"), TODAY, 2_000, new Random(1));

    long halfHours =
        week.singles().stream()
            .mapToLong(m -> Duration.between(m.start(), m.end()).toMinutes() / 30)
            .sum();
    assertThat(halfHours).isLessThanOrEqualTo(23L * 16);
    assertThat(week.singles().size()).isLessThan(2_000);
  }
}
