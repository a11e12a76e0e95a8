package dev.calendar.stream.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CalendarHeaderTest {

  @Test
  void aCalendarBeginsWithBeginVcalendarAfterWhitespace() {
    assertThat(CalendarHeader.isCalendar("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")).isTrue();
    assertThat(CalendarHeader.isCalendar("\r\n  begin:vcalendar\nEND:VCALENDAR")).isTrue();
    assertThat(CalendarHeader.isCalendar(CalendarHeader.withoutBom("\uFEFFBEGIN:VCALENDAR")))
        .isTrue();
    assertThat(CalendarHeader.isCalendar("\uFEFFBEGIN:VCALENDAR")).isFalse();
    assertThat(CalendarHeader.isCalendar("BEGIN:VCALENDARS\r\n")).isFalse();
    assertThat(CalendarHeader.isCalendar("BEGIN:VCARD\r\n")).isFalse();
    assertThat(CalendarHeader.isCalendar("<html>BEGIN:VCALENDAR")).isFalse();
    assertThat(CalendarHeader.isCalendar("")).isFalse();
  }

  @Test
  void theRefreshIntervalIsReadFromTheHeaderLines() {
    assertThat(refresh("REFRESH-INTERVAL;VALUE=DURATION:PT1H")).isEqualTo(Duration.ofHours(1));
    assertThat(refresh("refresh-interval;value=duration:P1W")).isEqualTo(Duration.ofDays(7));
    assertThat(refresh("X-PUBLISHED-TTL:P1DT12H")).isEqualTo(Duration.ofHours(36));
    assertThat(refresh("X-PUBLISHED-TTL:PT15M")).isEqualTo(Duration.ofMinutes(15));
    assertThat(refresh("X-PUBLISHED-TTL;X-NOTE=\"a:b\":PT30S")).isEqualTo(Duration.ofSeconds(30));
    // Folded: the line goes on after a line break and a space.
    assertThat(refresh("REFRESH-INTERVAL;VALUE=DURA\r\n TION:PT\r\n 2H"))
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void refreshIntervalWinsOverThePublishedTtlWhereverItStands() {
    assertThat(refresh("X-PUBLISHED-TTL:PT5M\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H"))
        .isEqualTo(Duration.ofHours(1));
    assertThat(refresh("X-PUBLISHED-TTL:PT5M\r\nREFRESH-INTERVAL;VALUE=DURATION:soon"))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void propertiesOfComponentsAndValuesThatAreNoDurationDoNotCount() {
    String inEvent =
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nX-PUBLISHED-TTL:PT1H\r\nEND:VEVENT\r\n"
            + "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nEND:VCALENDAR\r\n";
    assertThat(CalendarHeader.refreshInterval(inEvent)).isNull();
    assertThat(refresh("VERSION:2.0")).isNull();
    for (String bad :
        new String[] {"", "P", "PT", "-PT1H", "1H", "PT1.5H", "P1W2D", "P99999999999999999999D"}) {
      assertThat(refresh("X-PUBLISHED-TTL:" + bad)).as(bad).isNull();
    }
  }

  private static Duration refresh(String headerLines) {
    return CalendarHeader.refreshInterval(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
            + headerLines
            + "\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  }

  @Test
  void theCalendarsNameIsReadUnescapedFromTheHeaderOnly() {
    assertThat(
            CalendarHeader.calendarName(
                "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Family\\, friends\\; \r\n more\r\n"
                    + "BEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
        .isEqualTo("Family, friends; more");
    assertThat(
            CalendarHeader.calendarName(
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nX-WR-CALNAME:inside\r\nEND:VEVENT\r\n"
                    + "END:VCALENDAR\r\n"))
        .isNull();
    assertThat(CalendarHeader.calendarName("BEGIN:VCALENDAR\r\nX-WR-CALNAME:  \r\n")).isNull();
    assertThat(CalendarHeader.calendarName("BEGIN:VCALENDAR\r\nX-WR-CALNAME:" + "n".repeat(500)))
        .hasSize(CalendarHeader.MAX_NAME_LENGTH);
  }
}
