package dev.calendar.invitation;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.Notification.Kind;
import dev.calendar.notification.Recipient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which invitation, update and cancellation emails one meeting change calls for, from what each
 * recipient was last told. Pure: the caller loads the told-state, sends the messages, and only then
 * stores {@link #told}.
 *
 * <p>A recipient already told of this SEQUENCE or a later one is left alone, so an unchanged replay
 * sends nothing and a replay of an older change never overwrites a newer message. The organizer is
 * never a recipient: they made the change.
 *
 * @param messages what to send, one per recipient
 * @param told the told-state rows to write once the messages are sent, by recipient key
 */
public record InvitationPlan(List<Message> messages, Map<String, Told> told) {

  /** One email to one recipient. */
  public record Message(Recipient recipient, Kind kind) {}

  public InvitationPlan {
    messages = List.copyOf(messages);
    told = Map.copyOf(told);
  }

  /** The iTIP SEQUENCE of the messages about this version of the meeting. */
  public static long sequence(Meeting meeting) {
    return sequence(meeting.version());
  }

  /**
   * The iTIP SEQUENCE of a meeting at {@code version}: 0 for the first version (and for a booking
   * written before bookings carried their version, which reads as 0).
   */
  public static long sequence(long version) {
    return Math.max(0, version - 1);
  }

  /**
   * @param told what each recipient was last told, by {@link Recipient#key}
   * @param meeting the meeting after the change (cancelled for a cancellation)
   */
  public static InvitationPlan of(Map<String, Told> told, Meeting meeting) {
    long sequence = sequence(meeting);
    String fingerprint = Fingerprint.of(meeting);
    List<Message> messages = new ArrayList<>();
    Map<String, Told> next = new LinkedHashMap<>();

    Map<String, Recipient> current = new LinkedHashMap<>();
    if (!meeting.cancelled()) {
      for (Participant p : meeting.details().participants()) {
        Recipient r = recipientOf(p);
        if (!meeting.organizerId().equals(r.userId())) {
          current.putIfAbsent(r.key(), r);
        }
      }
    }
    for (Recipient r : current.values()) {
      Told last = told.get(r.key());
      if (last != null && last.sequence() >= sequence) {
        continue;
      }
      if (last == null || !last.invited()) {
        messages.add(new Message(r, Kind.INVITATION));
      } else if (!last.fingerprint().equals(fingerprint)) {
        messages.add(new Message(r, Kind.UPDATE));
      } else {
        continue; // nothing they see has changed (a reminder, someone else added)
      }
      next.put(r.key(), new Told(fingerprint, sequence));
    }
    // Everyone holding an invitation who is no longer a recipient: removed, or all cancelled.
    for (Map.Entry<String, Told> e : told.entrySet()) {
      Told last = e.getValue();
      if (current.containsKey(e.getKey()) || !last.invited() || last.sequence() >= sequence) {
        continue;
      }
      messages.add(new Message(named(Recipient.fromKey(e.getKey()), meeting), Kind.CANCELLATION));
      next.put(e.getKey(), Told.cancelled(sequence));
    }
    return new InvitationPlan(messages, next);
  }

  /** The recipient with the name the meeting still gives them, for a friendlier ATTENDEE line. */
  private static Recipient named(Recipient r, Meeting meeting) {
    for (Participant p : meeting.details().participants()) {
      if (recipientOf(p).key().equals(r.key())) {
        return recipientOf(p);
      }
    }
    return r;
  }

  /** The recipient of a participant's emails: a user by id, a guest by address. */
  static Recipient recipientOf(Participant p) {
    return p.internal()
        ? Recipient.user(p.userId(), p.name())
        : Recipient.guest(p.email(), p.name());
  }
}
