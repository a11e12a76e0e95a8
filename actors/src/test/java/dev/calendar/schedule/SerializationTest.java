package dev.calendar.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.calendar.schedule.WorkingHours.LocalRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The persisted records keep exactly their components as properties and round-trip via CBOR. */
class SerializationTest {
  static final ObjectMapper CBOR =
      CBORMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  static Set<String> properties(Object value) throws Exception {
    JsonNode tree = CBOR.readTree(CBOR.writeValueAsBytes(value));
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void scheduleRoundTrips() throws Exception {
    ZoneId zone = ZoneId.of("Europe/Berlin");
    Instant start = Instant.parse("2024-03-01T08:00:00Z");
    Schedule schedule =
        new Schedule(
            start,
            start.plus(Duration.ofHours(1)),
            zone,
            Schedule.validate("FREQ=WEEKLY;COUNT=5", start, Duration.ofHours(1), zone),
            List.of(start.plus(Duration.ofDays(7))),
            List.of(
                new OccurrenceOverride(
                    start.plus(Duration.ofDays(14)),
                    start.plus(Duration.ofDays(15)),
                    start.plus(Duration.ofDays(15)).plus(Duration.ofHours(2)),
                    "moved")));
    assertThat(CBOR.readValue(CBOR.writeValueAsBytes(schedule), Schedule.class))
        .isEqualTo(schedule);
    assertThat(properties(schedule))
        .containsExactlyInAnyOrder("start", "end", "zone", "rrule", "exdates", "overrides");
    Schedule single = Schedule.single(start, start.plusSeconds(60), zone);
    assertThat(CBOR.readValue(CBOR.writeValueAsBytes(single), Schedule.class)).isEqualTo(single);
  }

  @Test
  void workingHoursAndIntervalRoundTrip() throws Exception {
    WorkingHours hours =
        new WorkingHours(
            ZoneId.of("Australia/Sydney"),
            Map.of(
                DayOfWeek.MONDAY, List.of(new LocalRange(LocalTime.of(9, 0), LocalTime.MIDNIGHT))),
            Map.of(LocalDate.parse("2024-12-25"), List.of()));
    assertThat(CBOR.readValue(CBOR.writeValueAsBytes(hours), WorkingHours.class)).isEqualTo(hours);
    assertThat(properties(hours)).containsExactlyInAnyOrder("zone", "weekly", "overrides");
    Interval interval =
        new Interval(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(CBOR.readValue(CBOR.writeValueAsBytes(interval), Interval.class))
        .isEqualTo(interval);
    assertThat(properties(interval)).containsExactlyInAnyOrder("start", "end");
  }
}
