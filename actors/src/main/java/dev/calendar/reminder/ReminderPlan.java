package dev.calendar.reminder;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.Channel;
import dev.calendar.notification.ReminderRule;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which reminders a meeting has next: for each recipient and rule, the first occurrence (after
 * EXDATEs and one-occurrence edits, as {@link Schedule#occurrences} gives them) whose start minus
 * the rule's offset is after a given instant. Occurrences come from the schedule's local-time
 * expansion, so a reminder follows its occurrence across DST changes.
 *
 * <p>Recipients (docs/api.md, "Reminders"): the organizer and internal participants get the event's
 * reminders, or their own default reminders when the event has none; guests get the email rules of
 * the event's reminders, or the organizer's default email rules when the event has none.
 */
public final class ReminderPlan {
  /**
   * How far ahead a next occurrence is looked for. A yearly series on 29 February recurs every four
   * years; anything sparser is not reminded of.
   */
  static final Duration HORIZON = Duration.ofDays(4 * 366 + 1);

  /** The search starts with this window and doubles it, so dense series cost one small window. */
  private static final Duration FIRST_WINDOW = Duration.ofDays(1);

  private ReminderPlan() {}

  /** The users whose default reminders {@link #recipients} needs (none if the event has rules). */
  public static Set<UUID> usersNeedingDefaults(Meeting meeting) {
    if (!meeting.details().reminders().isEmpty()) {
      return Set.of();
    }
    return new LinkedHashSet<>(meeting.calendars());
  }

  /**
   * Everyone reminded of the meeting, with their rules; {@code defaults} has the default reminders
   * of {@link #usersNeedingDefaults} (a missing user counts as having none).
   */
  public static List<Recipient> recipients(
      Meeting meeting, Map<UUID, List<ReminderRule>> defaults) {
    List<ReminderRule> eventRules = meeting.details().reminders();
    boolean ownRules = !eventRules.isEmpty();
    List<Recipient> out = new ArrayList<>();
    for (UUID user : meeting.calendars()) {
      List<ReminderRule> rules = ownRules ? eventRules : defaults.getOrDefault(user, List.of());
      out.add(Recipient.user(user, rules));
    }
    List<ReminderRule> guestRules =
        emailOnly(ownRules ? eventRules : defaults.getOrDefault(meeting.organizerId(), List.of()));
    Set<String> guests = new LinkedHashSet<>();
    for (Participant p : meeting.details().participants()) {
      if (!p.internal() && p.email() != null && !p.email().isBlank()) {
        guests.add(p.email().strip());
      }
    }
    for (String guest : guests) {
      out.add(Recipient.guest(guest, meeting.organizerId(), guestRules));
    }
    out.removeIf(r -> r.rules().isEmpty());
    return out;
  }

  /**
   * The next reminder of every (recipient, rule) due strictly after {@code after}; none for a
   * cancelled meeting. Distinct by key.
   */
  public static List<DueReminder> next(Meeting meeting, List<Recipient> recipients, Instant after) {
    if (meeting.cancelled()) {
      return List.of();
    }
    Schedule schedule = meeting.details().schedule();
    Map<Duration, Optional<Occurrence>> byOffset = new HashMap<>();
    Map<String, DueReminder> out = new LinkedHashMap<>();
    for (Recipient r : recipients) {
      for (ReminderRule rule : r.rules()) {
        Optional<Occurrence> next =
            byOffset.computeIfAbsent(
                rule.offset(), offset -> firstStartingAfter(schedule, after.plus(offset)));
        if (next.isEmpty()) {
          continue;
        }
        Occurrence o = next.get();
        // Cassandra keeps milliseconds: a key rebuilt from a stored row must match this one.
        Instant start = o.start().truncatedTo(ChronoUnit.MILLIS);
        var due =
            new DueReminder(
                meeting.id(),
                start,
                rule.offset(),
                rule.channel(),
                r.userId(),
                r.address(),
                r.historyUserId(),
                o.title() != null ? o.title() : meeting.details().title(),
                start,
                o.end().truncatedTo(ChronoUnit.MILLIS),
                schedule.recurring(),
                start.minus(rule.offset()),
                schedule.zone());
        out.putIfAbsent(due.key(), due);
      }
    }
    return List.copyOf(out.values());
  }

  /** The first occurrence starting strictly after {@code t}, searched in growing windows. */
  static Optional<Occurrence> firstStartingAfter(Schedule schedule, Instant t) {
    Instant limit = t.plus(HORIZON);
    Instant from = t;
    Duration window = FIRST_WINDOW;
    while (from.isBefore(limit)) {
      Instant to = from.plus(window);
      if (to.isAfter(limit)) {
        to = limit;
      }
      for (Occurrence o : schedule.occurrences(from, to)) {
        // sorted by start; earlier ones only overlap the window's start
        if (o.start().isAfter(t)) {
          return Optional.of(o);
        }
      }
      from = to;
      window = window.multipliedBy(2);
    }
    return Optional.empty();
  }

  private static List<ReminderRule> emailOnly(List<ReminderRule> rules) {
    return rules.stream().filter(r -> r.channel() == Channel.EMAIL).toList();
  }
}
