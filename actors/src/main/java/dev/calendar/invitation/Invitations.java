package dev.calendar.invitation;

import dev.calendar.external.TimeZones;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.Participant;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Schedule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * A meeting as an iTIP message (RFC 5545 / 5546): {@code METHOD:REQUEST} for a new or changed
 * meeting, {@code METHOD:CANCEL} for a cancelled one. The UID is fixed per meeting and SEQUENCE is
 * {@code version - 1}, so clients replace their copy with each newer message. Times are local to
 * the meeting's zone with a VTIMEZONE from the JDK's rules; a series carries its RRULE and EXDATEs,
 * and each moved or retitled instance is its own VEVENT with a RECURRENCE-ID. Pure: no clock, no
 * I/O.
 */
public final class Invitations {

  public static final String PRODID = "-//calendar//calendar 1.0//EN";

  private Invitations() {}

  /**
   * {@code REQUEST} or {@code CANCEL}: the iTIP method, also the text/calendar part's parameter.
   */
  public static String method(Meeting meeting) {
    return meeting.cancelled() ? "CANCEL" : "REQUEST";
  }

  /** The UID of every message about this meeting. */
  public static String uid(UUID meetingId) {
    return meetingId + "@calendar";
  }

  /**
   * The VCALENDAR text (CRLF line endings, folded at 75 octets).
   *
   * @param organizerEmail the organizer's address (the meeting only knows the organizer's id)
   * @param emails addresses of internal participants by user id; external ones carry their own
   * @param dtstamp when the message is made (DTSTAMP)
   * @throws IllegalArgumentException when an internal participant has no address in {@code emails}
   */
  public static String ics(
      Meeting meeting, String organizerEmail, Map<UUID, String> emails, Instant dtstamp) {
    return text(calendar(meeting, organizerEmail, emails, dtstamp));
  }

  /**
   * A {@code METHOD:CANCEL} to one attendee removed from a meeting that goes on (RFC 5546 section
   * 3.2.5): the same UID and the meeting's current SEQUENCE, above any the attendee was sent
   * before, listing only that attendee and without {@code STATUS:CANCELLED}, which would call the
   * meeting off for everyone.
   */
  public static String removal(
      Meeting meeting,
      String organizerEmail,
      String attendeeEmail,
      String attendeeName,
      Instant dtstamp) {
    List<Attendee> attendees = List.of(attendee(attendeeEmail, attendeeName));
    Calendar calendar = frame(meeting, ImmutableMethod.CANCEL);
    calendar.add(master(meeting, organizerEmail, attendees, dtstamp));
    return text(calendar);
  }

  private static String text(Calendar calendar) {
    StringWriter out = new StringWriter();
    try {
      // The outputter folds lines; Calendar.toString() does not. Tests validate the output.
      new CalendarOutputter(false).output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  static Calendar calendar(
      Meeting meeting, String organizerEmail, Map<UUID, String> emails, Instant dtstamp) {
    MeetingDetails details = meeting.details();
    Schedule schedule = details.schedule();
    ZoneId zone = schedule.zone();
    boolean cancel = meeting.cancelled();

    Calendar calendar = frame(meeting, cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
    List<Attendee> attendees = attendees(details.participants(), emails);
    VEvent master = master(meeting, organizerEmail, attendees, dtstamp);
    if (cancel) {
      master.add(ImmutableStatus.VEVENT_CANCELLED);
    }
    calendar.add(master);

    // A cancellation of the whole meeting needs only the master; instances go with it.
    if (schedule.recurring() && !cancel) {
      for (Occurrence o : schedule.overriddenOccurrences()) {
        String title = o.title() != null ? o.title() : details.title();
        VEvent instance = event(meeting, organizerEmail, attendees, dtstamp, title);
        instance.add(new RecurrenceId<>(o.originalStart().atZone(zone)));
        instance.add(new DtStart<>(o.start().atZone(zone)));
        instance.add(new DtEnd<>(o.end().atZone(zone)));
        calendar.add(instance);
      }
    }
    return calendar;
  }

  /** The VCALENDAR with its METHOD and the meeting's VTIMEZONE, no VEVENT yet. */
  private static Calendar frame(Meeting meeting, Method method) {
    Schedule schedule = meeting.details().schedule();
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODID));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(method);
    calendar.add(TimeZones.vtimezone(schedule.zone(), schedule.earliestStart()));
    return calendar;
  }

  /** The series' (or single event's) VEVENT: times, RRULE and EXDATEs. */
  private static VEvent master(
      Meeting meeting, String organizerEmail, List<Attendee> attendees, Instant dtstamp) {
    MeetingDetails details = meeting.details();
    Schedule schedule = details.schedule();
    ZoneId zone = schedule.zone();
    VEvent master = event(meeting, organizerEmail, attendees, dtstamp, details.title());
    master.add(new DtStart<>(schedule.start().atZone(zone)));
    master.add(new DtEnd<>(schedule.end().atZone(zone)));
    if (schedule.recurring()) {
      master.add(new RRule<>(schedule.rrule()));
      if (!schedule.exdates().isEmpty()) {
        List<ZonedDateTime> exdates = new ArrayList<>();
        schedule.exdates().stream().sorted().forEach(e -> exdates.add(e.atZone(zone)));
        // ical4j adds TZID to DTSTART by itself but not to a list of dates.
        master.add(
            new ExDate<>(
                new ParameterList(List.of(new TzId(zone.getId()))), new DateList<>(exdates)));
      }
    }
    return master;
  }

  /** The properties every VEVENT of the message shares; DTSTART and DTEND are the caller's. */
  private static VEvent event(
      Meeting meeting,
      String organizerEmail,
      List<Attendee> attendees,
      Instant dtstamp,
      String title) {
    MeetingDetails details = meeting.details();
    VEvent event = new VEvent(false);
    event.add(new DtStamp(dtstamp));
    event.add(new Uid(uid(meeting.id())));
    event.add(new Sequence((int) InvitationPlan.sequence(meeting)));
    event.add(new Summary(title));
    if (notBlank(details.description())) {
      event.add(new Description(details.description()));
    }
    if (notBlank(details.location())) {
      event.add(new Location(details.location()));
    }
    event.add(new Organizer(mailto(organizerEmail)));
    attendees.forEach(a -> event.add(a.copy()));
    return event;
  }

  private static List<Attendee> attendees(
      List<Participant> participants, Map<UUID, String> emails) {
    List<Attendee> out = new ArrayList<>();
    for (Participant p : participants) {
      String email = p.internal() ? emails.get(p.userId()) : p.email();
      if (email == null || email.isBlank()) {
        throw new IllegalArgumentException(
            "no email address for participant " + (p.internal() ? p.userId() : p.name()));
      }
      out.add(attendee(email, p.name()));
    }
    return out;
  }

  private static Attendee attendee(String email, String name) {
    Attendee attendee = new Attendee(mailto(email));
    attendee.add(new Cn(notBlank(name) ? name : email.trim()));
    attendee.add(Role.REQ_PARTICIPANT);
    attendee.add(PartStat.NEEDS_ACTION);
    attendee.add(Rsvp.TRUE);
    return attendee;
  }

  /** One override per original start, the last one winning (as {@link Schedule} reads them). */
  private static String mailto(String email) {
    return "mailto:" + email.trim();
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
