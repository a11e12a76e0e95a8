package dev.calendar.schedule;

import java.time.Instant;

/**
 * One instance of a schedule. {@code originalStart} is where the rule put it (the instance's
 * identity, used by EXDATE and one-occurrence edits); {@code start}/{@code end} are where it is
 * now, after an override; {@code title} is the override's title or null.
 */
public record Occurrence(Instant originalStart, Instant start, Instant end, String title) {
  public Interval interval() {
    return new Interval(start, end);
  }
}
