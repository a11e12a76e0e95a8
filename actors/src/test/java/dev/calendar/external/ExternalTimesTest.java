package dev.calendar.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.OccurrenceOverride;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index of external busy time answers exactly what expanding every source's events for the
 * window answers: inside the span expanded ahead, outside it, across it, and with more series than
 * are expanded ahead.
 */
class ExternalTimesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2027-03-15T10:00:00Z");

  private static List<ExternalSource> sources(Random random, int series, String rule) {
    List<ExternalBusy> busy = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Instant start = NOW.plus(Duration.ofMinutes(15L * random.nextInt(96 * 700) - 96 * 15 * 200));
      busy.add(
          new ExternalBusy(
              "s" + i,
              null,
              Schedule.single(
                  start, start.plus(Duration.ofMinutes(15 + random.nextInt(180))), BERLIN)));
    }
    for (int i = 0; i < series; i++) {
      Instant start = NOW.plus(Duration.ofHours(random.nextInt(24 * 300) - 24 * 150));
      Instant end = start.plus(Duration.ofMinutes(30));
      Instant third = start.plus(Duration.ofDays(rule.contains("DAILY") ? 2 : 14));
      Instant fourth = start.plus(Duration.ofDays(rule.contains("DAILY") ? 3 : 21));
      busy.add(
          new ExternalBusy(
              "r" + i,
              null,
              new Schedule(
                  start,
                  end,
                  BERLIN,
                  rule,
                  List.of(third),
                  List.of(
                      new OccurrenceOverride(
                          fourth, fourth.plusSeconds(3600), fourth.plusSeconds(5400), null)))));
    }
    return List.of(
        new ExternalSource("import:a", true, busy.subList(0, busy.size() / 2)),
        new ExternalSource("import:b", true, busy.subList(busy.size() / 2, busy.size())),
        new ExternalSource("import:off", false, busy));
  }

  /** What the sources say of the window, expanded from their rules, as sorted text. */
  private static List<String> expandedByHand(List<ExternalSource> sources, Interval window) {
    List<String> found = new ArrayList<>();
    for (ExternalSource source : sources) {
      if (source.checkConflicts()) {
        for (ExternalBusy b : source.busy()) {
          for (Occurrence o : b.schedule().occurrences(window.start(), window.end())) {
            found.add(source.id() + " " + o.interval());
          }
        }
      }
    }
    found.sort(null);
    return found;
  }

  private static List<String> indexed(ExternalTimes times, Interval window) {
    List<String> found = new ArrayList<>();
    times.overlapping(window).forEach(b -> found.add(b.source() + " " + b.interval()));
    found.sort(null);
    return found;
  }

  private static void agreeOnRandomWindows(List<ExternalSource> sources, Random random) {
    var times = new ExternalTimes(sources, NOW);
    int nonEmpty = 0;
    for (int i = 0; i < 300; i++) {
      Instant from = NOW.plus(Duration.ofHours(random.nextInt(24 * 900) - 24 * 250));
      Interval window =
          new Interval(from, from.plus(Duration.ofHours(1 + random.nextInt(24 * 62))));
      List<String> expected = expandedByHand(sources, window);
      assertThat(indexed(times, window)).as("window %s", window).isEqualTo(expected);
      // The merged form availability reads: the same time in the window, merged (merged blocks
      // may reach beyond the window, so both are clipped).
      List<Interval> merged = new ArrayList<>();
      times.addBusy(window, merged);
      assertThat(Interval.clip(merged, window))
          .as("merged, window %s", window)
          .isEqualTo(
              Interval.clip(
                  times.overlapping(window).stream().map(b -> b.interval()).toList(), window));
      nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    assertThat(nonEmpty).isGreaterThan(100);
  }

  @Test
  void theIndexAnswersWhatExpandingEveryEventAnswers() {
    var random = new Random(42);
    agreeOnRandomWindows(sources(random, 200, "FREQ=WEEKLY;COUNT=52"), random);
  }

  @Test
  void seriesBeyondWhatIsExpandedAheadAreExpandedAsAsked() {
    var random = new Random(7);
    // 150 open-ended daily series: about 69,000 instances in the span, more than are expanded.
    agreeOnRandomWindows(sources(random, 150, "FREQ=DAILY"), random);
  }

  @Test
  void sourcesThatDoNotCheckConflictsAreLeftOut() {
    var busy =
        List.of(new ExternalBusy("x", null, Schedule.single(NOW, NOW.plusSeconds(60), BERLIN)));
    var times = new ExternalTimes(List.of(new ExternalSource("import:off", false, busy)), NOW);

    assertThat(times.isEmpty()).isTrue();
    assertThat(times.overlapping(new Interval(NOW, NOW.plusSeconds(60)))).isEmpty();
    List<Interval> merged = new ArrayList<>();
    times.addBusy(new Interval(NOW, NOW.plusSeconds(60)), merged);
    assertThat(merged).isEmpty();
  }
}
