package dev.calendar.meeting;

import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.calendar.Hold;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * The calendars a meeting's saga works on, one call per step: the sharded {@link CalendarEntity}s
 * in a node ({@link ShardedCalendars}), a fake in the meeting's own tests.
 */
public interface Calendars {
  /**
   * Holds {@code hold} on {@code calendar}, keeping {@code confirmedNow} (null: none) meanwhile.
   */
  CompletionStage<CalendarEntity.HoldReply> placeHold(
      UUID calendar, Hold hold, Booking confirmedNow);

  /** Read-only: what {@code booking} would conflict with on {@code calendar}. */
  CompletionStage<CalendarEntity.HoldReply> checkConflicts(UUID calendar, Booking booking);

  CompletionStage<Done> confirmHold(UUID calendar, UUID meetingId, UUID attemptId);

  CompletionStage<Done> releaseHold(UUID calendar, UUID meetingId, UUID attemptId);

  /** Frees the meeting's time on {@code calendar} (a cancellation, or a dropped participant). */
  CompletionStage<Done> removeBooking(UUID calendar, UUID meetingId);

  /**
   * Tells {@code calendar} to settle this attempt's hold now rather than when it falls due: it asks
   * the meeting what was decided. Sent when the meeting cannot finish its saga; no answer.
   */
  void settleNow(UUID calendar, UUID meetingId, UUID attemptId);
}
