package dev.calendar.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules about an event's time and recurrence, kept in one place so that a new or replaced event
 * and an edited occurrence are held to the same ones with the same messages. Each check returns
 * what is broken, named by the request field it is about, instead of throwing: a caller reports
 * these together with its other field errors.
 */
public final class ScheduleRules {
  private ScheduleRules() {}

  /** What a span is, as the messages name it. */
  public enum Span {
    EVENT("an event"),
    OCCURRENCE("an occurrence");

    private final String named;

    Span(String named) {
      this.named = named;
    }
  }

  /** An event's schedule that keeps every rule, or every rule it breaks (then no schedule). */
  public record Checked(Schedule schedule, List<TimingError> errors) {
    public Checked {
      errors = List.copyOf(errors);
    }

    public boolean valid() {
      return errors.isEmpty();
    }
  }

  /** The end comes after the start. */
  public static Optional<TimingError> endAfterStart(Instant start, Instant end) {
    return end.isAfter(start)
        ? Optional.empty()
        : Optional.of(new TimingError("end", "must be after start"));
  }

  /** The end comes after the start, at most {@link Schedule#MAX_DURATION} later. */
  public static Optional<TimingError> span(Span what, Instant start, Instant end) {
    Optional<TimingError> order = endAfterStart(start, end);
    if (order.isPresent()) {
      return order;
    }
    if (Duration.between(start, end).compareTo(Schedule.MAX_DURATION) > 0) {
      return Optional.of(
          new TimingError(
              "end", what.named + " can last at most " + Schedule.MAX_DURATION.toDays() + " days"));
    }
    return Optional.empty();
  }

  /**
   * Checks a whole event in {@code zone}: its span, its rule (if any) for this start, length and
   * zone (see {@link Schedule#validate}), and that only a series has EXDATEs. The rule is checked
   * only against a valid span, since its overlap check needs the event's real length. The schedule
   * returned carries the normalized rule.
   *
   * @param rrule null for a single event
   */
  public static Checked event(
      Instant start, Instant end, ZoneId zone, String rrule, List<Instant> exdates) {
    List<TimingError> errors = new ArrayList<>();
    span(Span.EVENT, start, end).ifPresent(errors::add);
    String normalized = null;
    if (rrule != null && errors.isEmpty()) {
      try {
        normalized = Schedule.validate(rrule, start, Duration.between(start, end), zone);
      } catch (InvalidRecurrence e) {
        errors.add(new TimingError("recurrenceRule", e.getMessage()));
      }
    }
    if (rrule == null && !exdates.isEmpty()) {
      errors.add(new TimingError("exdates", "only a recurring event can have exdates"));
    }
    if (!errors.isEmpty()) {
      return new Checked(null, errors);
    }
    return new Checked(new Schedule(start, end, zone, normalized, exdates, List.of()), errors);
  }
}
