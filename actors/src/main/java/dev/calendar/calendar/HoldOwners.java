package dev.calendar.calendar;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The meetings that place holds, as a calendar sees them: when a hold falls due, the calendar asks
 * its meeting what was decided. Implemented by the meeting side (its sharded entities in a node),
 * so that the calendar knows nothing of meetings beyond this question.
 */
public interface HoldOwners {
  /** What meeting {@code meetingId} has decided for the calendar of {@code userId}. */
  CompletionStage<Decision> decisionFor(UUID meetingId, UUID userId);

  /**
   * {@code confirmed}: the booking the calendar should have now (null: none); {@code
   * attemptInProgress}: the saga attempt the meeting is deciding right now, if any (null: none).
   */
  record Decision(Booking confirmed, UUID attemptInProgress) {}
}
