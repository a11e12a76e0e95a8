package dev.calendar.invitation;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.notification.Notification;
import dev.calendar.schedule.Schedule;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The email for one planned message ({@link InvitationPlan.Message}): subject, a plain-text body
 * and the iTIP calendar. Times are written in the meeting's own zone, as the calendar part gives
 * them; the recipient's client shows the calendar part in theirs. Pure.
 */
public final class InvitationMails {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private InvitationMails() {}

  /** Who sends the invitations: the organizer's name (may be blank) and address. */
  public record Organizer(String name, String email) {
    String display() {
      return name == null || name.isBlank() ? email : name;
    }
  }

  /**
   * {@link #compose(Meeting, InvitationPlan.Message, String, Organizer, Map, Instant, String)}
   * without a manage link.
   */
  public static CalendarMessage compose(
      Meeting meeting,
      InvitationPlan.Message message,
      String to,
      Organizer organizer,
      Map<UUID, String> emails,
      Instant dtstamp) {
    return compose(meeting, message, to, organizer, emails, dtstamp, null);
  }

  /**
   * @param to the recipient's address
   * @param emails addresses of the meeting's internal participants by user id (for ATTENDEE)
   * @param dtstamp when the message is made
   * @param manageUrl the guest's link to see, cancel or move a booking-page booking (null: none)
   */
  public static CalendarMessage compose(
      Meeting meeting,
      InvitationPlan.Message message,
      String to,
      Organizer organizer,
      Map<UUID, String> emails,
      Instant dtstamp,
      String manageUrl) {
    String title = meeting.details().title();
    String who = organizer.display();
    return switch (message.kind()) {
      case INVITATION ->
          new CalendarMessage(
              to,
              CalendarMessage.Change.CREATED.subject(title),
              body(who + " invites you to \"" + title + "\".", meeting, manageUrl),
              Invitations.ics(meeting, organizer.email(), emails, dtstamp),
              "REQUEST");
      case UPDATE ->
          new CalendarMessage(
              to,
              CalendarMessage.Change.UPDATED.subject(title),
              body(who + " changed \"" + title + "\".", meeting, manageUrl),
              Invitations.ics(meeting, organizer.email(), emails, dtstamp),
              "REQUEST");
      case CANCELLATION ->
          meeting.cancelled()
              ? new CalendarMessage(
                  to,
                  CalendarMessage.Change.CANCELLED.subject(title),
                  body(who + " cancelled \"" + title + "\".", meeting, null),
                  Invitations.ics(meeting, organizer.email(), emails, dtstamp),
                  "CANCEL")
              : new CalendarMessage(
                  to,
                  CalendarMessage.Change.CANCELLED.subject(title),
                  body(who + " removed you from \"" + title + "\".", meeting, null),
                  Invitations.removal(
                      meeting, organizer.email(), to, message.recipient().name(), dtstamp),
                  "CANCEL");
      default -> throw new IllegalArgumentException("not a calendar email: " + message.kind());
    };
  }

  /**
   * The host's notice of what a booking page's guests did: booked ({@code INVITATION}), changed
   * ({@code UPDATE}: moved, or a seat taken or freed) or cancelled ({@code CANCELLATION}), with the
   * event's calendar so the host's own calendar application can follow.
   */
  public static CalendarMessage hostNotice(
      Meeting meeting,
      Notification.Kind kind,
      Organizer host,
      Map<UUID, String> emails,
      Instant dtstamp) {
    String title = meeting.details().title();
    String guests =
        meeting.details().participants().stream()
            .filter(p -> !p.internal())
            .map(
                p ->
                    p.name() == null || p.name().isBlank()
                        ? p.email()
                        : p.name() + " <" + p.email() + ">")
            .collect(java.util.stream.Collectors.joining(", "));
    String ics = Invitations.ics(meeting, host.email(), emails, dtstamp);
    return switch (kind) {
      case INVITATION ->
          new CalendarMessage(
              host.email(),
              "New booking: " + title,
              body(guests + " booked \"" + title + "\".", meeting, null),
              ics,
              "REQUEST");
      case CANCELLATION ->
          new CalendarMessage(
              host.email(),
              "Booking cancelled: " + title,
              body("The booking of \"" + title + "\" was cancelled by its guest.", meeting, null),
              ics,
              "CANCEL");
      default ->
          new CalendarMessage(
              host.email(),
              "Booking changed: " + title,
              body(
                  "The booking of \"" + title + "\" changed. Guests now: " + guests + ".",
                  meeting,
                  null),
              ics,
              "REQUEST");
    };
  }

  private static String body(String headline, Meeting meeting, String manageUrl) {
    MeetingDetails d = meeting.details();
    Schedule s = d.schedule();
    ZonedDateTime start = s.start().atZone(s.zone());
    ZonedDateTime end = s.end().atZone(s.zone());
    StringBuilder text = new StringBuilder(headline).append("\n\n");
    text.append("When: ").append(DAY.format(start)).append(" – ");
    text.append(start.toLocalDate().equals(end.toLocalDate()) ? TIME.format(end) : DAY.format(end));
    text.append(" (").append(s.zone().getId()).append(")\n");
    if (s.recurring()) {
      text.append("Repeats: ").append(s.rrule()).append('\n');
    }
    if (d.location() != null && !d.location().isBlank()) {
      text.append("Where: ").append(d.location()).append('\n');
    }
    if (d.description() != null && !d.description().isBlank()) {
      text.append('\n').append(d.description()).append('\n');
    }
    if (manageUrl != null) {
      text.append("\nTo cancel or reschedule: ").append(manageUrl).append('\n');
    }
    return text.toString();
  }
}
