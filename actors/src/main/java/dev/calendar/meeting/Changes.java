package dev.calendar.meeting;

import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.OccurrenceOverride;
import dev.calendar.schedule.Schedule;
import dev.calendar.schedule.ScheduleRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Applies an update to a meeting's details; one-occurrence edits become overrides and EXDATEs. */
final class Changes {
  private Changes() {}

  static final class InvalidChange extends RuntimeException {
    private final String field;

    InvalidChange(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  static MeetingDetails apply(MeetingDetails current, MeetingEntity.Change change) {
    if (change instanceof MeetingEntity.ReplaceDetails replace) {
      return replace.details();
    }
    Schedule schedule = current.schedule();
    Instant original =
        change instanceof MeetingEntity.EditOccurrence edit
            ? edit.originalStart()
            : ((MeetingEntity.CancelOccurrence) change).originalStart();
    if (!schedule.recurring()) {
      throw new InvalidChange("originalStart", "the event is not recurring");
    }
    if (!schedule.hasInstanceAt(original) || schedule.exdates().contains(original)) {
      throw new InvalidChange(
          "originalStart", "the series has no occurrence starting at " + original);
    }
    List<OccurrenceOverride> overrides = new ArrayList<>(schedule.overrides());
    OccurrenceOverride previous =
        overrides.stream().filter(o -> o.originalStart().equals(original)).findFirst().orElse(null);
    overrides.removeIf(o -> o.originalStart().equals(original));
    List<Instant> exdates = new ArrayList<>(schedule.exdates());

    if (change instanceof MeetingEntity.EditOccurrence edit) {
      Instant oldStart = previous != null ? previous.start() : original;
      Instant oldEnd = previous != null ? previous.end() : original.plus(schedule.duration());
      Instant start = edit.start() != null ? edit.start() : oldStart;
      Instant end = edit.end() != null ? edit.end() : oldEnd;
      if (edit.start() != null && edit.end() == null) {
        end = start.plus(Duration.between(oldStart, oldEnd)); // a move keeps the length
      }
      var broken = ScheduleRules.span(ScheduleRules.Span.OCCURRENCE, start, end);
      if (broken.isPresent()) {
        throw new InvalidChange(broken.get().field(), broken.get().message());
      }
      String title =
          edit.title() != null ? edit.title() : previous != null ? previous.title() : null;
      overrides.add(new OccurrenceOverride(original, start, end, title));
      refuseOverlapWithSiblings(schedule.withChanges(exdates, overrides), original, start, end);
    } else {
      exdates.add(original);
    }
    return current.withSchedule(schedule.withChanges(exdates, overrides));
  }

  /** A moved occurrence may not land on another occurrence of its own series. */
  private static void refuseOverlapWithSiblings(
      Schedule changed, Instant original, Instant start, Instant end) {
    for (Occurrence o : changed.occurrences(start, end)) {
      if (!o.originalStart().equals(original)) {
        throw new InvalidChange(
            "start", "would overlap the occurrence at " + o.start() + " of the same series");
      }
    }
  }
}
