package dev.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantsTest {
  private static String messageFor(String text) {
    Problem p = catchThrowableOfType(Problem.class, () -> Instants.parse("start", text));
    assertThat(p).as(text).isNotNull();
    assertThat(p.errors()).extracting(FieldError::field).containsExactly("start");
    return p.errors().get(0).message();
  }

  @Test
  void takesTheYears1900Through2200InUtc() {
    assertThat(Instants.parse("start", "1900-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("1900-01-01T00:00:00Z"));
    assertThat(Instants.parse("start", "2200-12-31T23:59:59.999Z"))
        .isEqualTo(Instant.parse("2200-12-31T23:59:59.999Z"));
    assertThat(Instants.parse("start", "1900-01-01T01:00:00+01:00"))
        .isEqualTo(Instant.parse("1900-01-01T00:00:00Z"));
  }

  @Test
  void refusesYearsOutsideTheRangeSayingWhichItIs() {
    for (String text :
        new String[] {
          "+10000-01-01T09:00:00Z",
          "0000-01-01T09:00:00Z",
          "-0001-01-01T09:00:00Z",
          "9999-12-31T09:00:00Z",
          "1899-12-31T23:59:59Z",
          "2201-01-01T00:00:00Z",
          "2200-12-31T23:30:00-01:00",
          "1900-01-01T00:30:00+01:00"
        }) {
      assertThat(messageFor(text)).as(text).contains("1900").contains("2200");
    }
  }

  @Test
  void refusesTextThatIsNoInstant() {
    for (String text :
        new String[] {
          "2027-03-01T09:00:00", "2027-03-01", "monday", "", "2027-03-01T09:00:00Z\0"
        }) {
      assertThat(messageFor(text)).as(text).contains("RFC 3339");
    }
    assertThat(messageFor(null)).contains("RFC 3339");
  }

  @Test
  void formattingWritesWhatInstantToStringWrites() {
    var random = new java.util.Random(11);
    for (int i = 0; i < 5_000; i++) {
      Instant t =
          Instant.ofEpochSecond(
              Instant.parse("1900-01-01T00:00:00Z").getEpochSecond()
                  + (long) (random.nextDouble() * 300L * 365 * 86_400),
              i % 5 == 0 ? random.nextInt(1_000_000_000) : 0);
      assertThat(Instants.format(t)).isEqualTo(t.toString());
    }
    assertThat(Instants.format(Instant.parse("0999-12-31T23:59:59Z")))
        .isEqualTo("0999-12-31T23:59:59Z");
  }

  @Test
  void theShortcutForPlainUtcTimesAgreesWithTheFormatter() {
    var random = new java.util.Random(7);
    for (int i = 0; i < 5_000; i++) {
      // Every field drawn a little beyond its range, so impossible dates are among them.
      String text =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02dZ",
              1890 + random.nextInt(330),
              random.nextInt(14),
              random.nextInt(33),
              random.nextInt(26),
              random.nextInt(62),
              random.nextInt(62));
      Instant viaFormatter;
      try {
        viaFormatter =
            java.time.OffsetDateTime.parse(
                    text, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        viaFormatter = null;
      }
      assertThat(Instants.plainUtc(text)).as(text).isEqualTo(viaFormatter);
    }
    assertThat(Instants.plainUtc("2027-02-30T09:00:00Z")).isNull();
    assertThat(Instants.plainUtc("2027-03-01T09:00:00+00:00")).isNull();
    assertThat(messageFor("2027-02-30T09:00:00Z")).contains("RFC 3339");
    assertThat(Instants.parse("start", "2027-03-01T09:00:00Z"))
        .isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
  }
}
