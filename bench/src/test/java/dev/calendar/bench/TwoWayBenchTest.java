package dev.calendar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TwoWayBenchTest {
  private static final Instant NOW = Instant.parse("2027-03-28T17:42:10Z");
  private static final Instant TODAY = Instant.parse("2027-03-28T00:00:00Z");

  @Test
  void everyChangeHasAQuarterHourOfItsOwnUserOnDaysTwoToThirty() {
    var slots = TwoWayBench.Slots.from(NOW, 3);
    List<Set<Instant>> starts = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
    for (int k = 0; k < slots.capacity(); k++) {
      Instant start = slots.start(k);
      assertThat(slots.end(k)).isEqualTo(start.plus(Duration.ofMinutes(15)));
      assertThat(start).isAfterOrEqualTo(TODAY.plus(Duration.ofDays(2)));
      assertThat(slots.end(k)).isBeforeOrEqualTo(TODAY.plus(Duration.ofDays(31)));
      assertThat(Duration.between(TODAY, start).toMinutes() % 15).isZero();
      // On the quarter-hour grid, distinct starts are slots that do not overlap.
      assertThat(starts.get(slots.user(k)).add(start)).as("change %d", k).isTrue();
    }
    assertThat(slots.capacity()).isEqualTo(3 * 29 * 96);
    assertThatThrownBy(() -> slots.start(slots.capacity()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void changesGoRoundTheUsersAndAUsersNextChangeIsOnTheNextDay() {
    var slots = TwoWayBench.Slots.from(NOW, 20);
    List<Integer> users = new ArrayList<>();
    for (int k = 0; k < 21; k++) {
      users.add(slots.user(k));
    }

    assertThat(users.subList(0, 3)).containsExactly(0, 1, 2);
    assertThat(users.get(20)).isZero();
    assertThat(slots.start(0)).isEqualTo(Instant.parse("2027-03-30T00:00:00Z"));
    assertThat(slots.start(20)).isEqualTo(Instant.parse("2027-03-31T00:00:00Z"));
    assertThat(slots.start(20 * 29)).isEqualTo(Instant.parse("2027-03-30T00:15:00Z"));
  }

  @Test
  void aBusyBlockCoversTheSlotOnlyWhenItSpansAllOfIt() {
    Instant start = Instant.parse("2027-03-30T10:00:00Z");
    Instant end = Instant.parse("2027-03-30T10:15:00Z");

    assertThat(
            TwoWayBench.covers(answer("2027-03-30T09:45:00Z", "2027-03-30T10:30:00Z"), start, end))
        .isTrue();
    assertThat(
            TwoWayBench.covers(answer("2027-03-30T10:00:00Z", "2027-03-30T10:15:00Z"), start, end))
        .isTrue();
    assertThat(
            TwoWayBench.covers(answer("2027-03-30T09:45:00Z", "2027-03-30T10:00:00Z"), start, end))
        .isFalse();
    assertThat(TwoWayBench.covers(HttpLoad.parse("{\"busy\":[],\"free\":[]}"), start, end))
        .isFalse();
  }

  @Test
  void theCountersAreReadFromThePrometheusPage() {
    String page =
        """
        # HELP connection_busy_blocks_total Busy blocks
        # TYPE connection_busy_blocks_total counter
        connection_busy_blocks_total{change="added"} 2200.0
        connection_busy_blocks_total{change="removed"} 3.0
        connection_syncs_total{outcome="changed"} 415.0
        connection_syncs_total{outcome="unchanged"} 12.0
        """;

    assertThat(TwoWayBench.Counters.of(page)).isEqualTo(new TwoWayBench.Counters(2200, 415));
    assertThatThrownBy(() -> TwoWayBench.Counters.of("# nothing\n"))
        .isInstanceOf(IllegalStateException.class);
  }

  private static com.fasterxml.jackson.databind.JsonNode answer(String start, String end) {
    return HttpLoad.parse(
        "{\"busy\":[{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}],\"free\":[]}");
  }
}
