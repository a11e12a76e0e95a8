package dev.calendar.invitation;

import dev.calendar.meeting.Meeting;

/**
 * One invitation, update or cancellation to one recipient: a plain-text body and the iTIP calendar
 * ({@code method} is its METHOD, {@code REQUEST} or {@code CANCEL}).
 */
public record CalendarMessage(String to, String subject, String text, String ics, String method) {

  /** What happened to the meeting, for the subject line. */
  public enum Change {
    CREATED("Invitation"),
    UPDATED("Updated"),
    CANCELLED("Cancelled");

    private final String prefix;

    Change(String prefix) {
      this.prefix = prefix;
    }

    public String subject(String title) {
      return prefix + ": " + title;
    }

    /** CANCELLED for a cancelled meeting, CREATED for its first version, else UPDATED. */
    public static Change of(Meeting meeting) {
      if (meeting.cancelled()) {
        return CANCELLED;
      }
      return meeting.version() <= 1 ? CREATED : UPDATED;
    }
  }

  /**
   * A message for {@code meeting} with its subject and method; {@code ics} from {@link
   * Invitations}.
   */
  public static CalendarMessage of(
      Meeting meeting, Change change, String to, String text, String ics) {
    return new CalendarMessage(
        to, change.subject(meeting.details().title()), text, ics, Invitations.method(meeting));
  }
}
