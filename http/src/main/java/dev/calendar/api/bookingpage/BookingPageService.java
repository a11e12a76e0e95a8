package dev.calendar.api.bookingpage;

import dev.calendar.api.EntityAsk;
import dev.calendar.api.Problem;
import dev.calendar.bookingpage.BookingRules;
import dev.calendar.bookingpage.EventType;
import dev.calendar.bookingpage.HostView;
import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.bookingpage.Refusal;
import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.meeting.Participant;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Schedule;
import dev.calendar.user.UserProfile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Public booking pages over the hosts' calendars and the meetings: a page's slots are computed from
 * the hosts' calendars in memory by {@link BookingRules}; a booking is a meeting organized by the
 * owner whose holds the hosts' calendars check by the same rules in the step that takes them.
 */
public final class BookingPageService {
  /** An active event type and its hosts' calendars (owner first) around a window. */
  record Page(EventType type, List<HostView> hosts) {}

  /** A booking made: the meeting and the guest's manage link. */
  record Booked(Meeting meeting, String manageToken, String manageUrl) {}

  private final EntityAsk<CalendarEntity.Command> calendars;
  private final EntityAsk<MeetingEntity.Command> meetings;
  private final Function<UUID, CompletionStage<UserProfile>> profiles;
  private final ManageLinks links;
  private final SlotLists slotLists;
  private final Clock clock;

  public BookingPageService(
      EntityAsk<CalendarEntity.Command> calendars,
      EntityAsk<MeetingEntity.Command> meetings,
      Function<UUID, CompletionStage<UserProfile>> profiles,
      ManageLinks links,
      SlotLists slotLists,
      Clock clock) {
    this.calendars = calendars;
    this.meetings = meetings;
    this.profiles = profiles;
    this.links = links;
    this.slotLists = slotLists;
    this.clock = clock;
  }

  ManageLinks links() {
    return links;
  }

  /**
   * A page as read from its hosts' calendars: each host's revision (owner first), and whether every
   * one of them was still at the revision the asker knew.
   */
  record Fetched(Page page, long[] revisions, boolean unchanged) {}

  /**
   * The active type {@code slug} of {@code ownerId} and its hosts around {@code window}; or 404.
   */
  CompletionStage<Page> page(UUID ownerId, String slug, Interval window) {
    return fetch(ownerId, slug, window, null).thenApply(Fetched::page);
  }

  /**
   * {@link #page}, asking the hosts to leave out their views when they are still at the revisions
   * of {@code known} (null: nothing known), whose views then stand for theirs.
   */
  private CompletionStage<Fetched> fetch(
      UUID ownerId, String slug, Interval window, Fetched known) {
    long ownerKnown = known == null ? 0 : known.revisions()[0];
    return calendars
        .<CalendarEntity.BookingPage>ask(
            ownerId.toString(), r -> new CalendarEntity.GetBookingPage(slug, window, ownerKnown, r))
        .thenCompose(
            found -> {
              if (found.type() == null || !found.type().active()) {
                throw Problem.notFound("no such booking page");
              }
              // The owner unchanged: the type is too, so its co-hosts are those of known.
              boolean sameType = found.view() == null;
              List<UUID> coHosts = found.type().coHosts();
              List<CompletableFuture<CalendarEntity.HostViewReply>> replies = new ArrayList<>();
              for (int i = 0; i < coHosts.size(); i++) {
                long coHostKnown = sameType ? known.revisions()[i + 1] : 0;
                replies.add(
                    calendars
                        .<CalendarEntity.HostViewReply>ask(
                            coHosts.get(i).toString(),
                            r -> new CalendarEntity.GetHostView(window, coHostKnown, r))
                        .toCompletableFuture());
              }
              return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done -> {
                        List<HostView> hosts = new ArrayList<>();
                        long[] revisions = new long[coHosts.size() + 1];
                        hosts.add(sameType ? known.page().hosts().get(0) : found.view());
                        revisions[0] = found.revision();
                        boolean unchanged = sameType;
                        for (int i = 0; i < replies.size(); i++) {
                          var reply = replies.get(i).join();
                          boolean same = reply.view() == null;
                          hosts.add(same ? known.page().hosts().get(i + 1) : reply.view());
                          revisions[i + 1] = reply.revision();
                          unchanged &= same;
                        }
                        return new Fetched(new Page(found.type(), hosts), revisions, unchanged);
                      });
            });
  }

  /**
   * The page's bookable slots starting in {@code window}, as a JSON array, with the page: the list
   * kept from an earlier request when it still holds (see {@link SlotLists}), else a new one.
   */
  CompletionStage<SlotLists.Entry> slots(UUID ownerId, String slug, Interval window) {
    var key = new SlotLists.Key(ownerId, slug, window);
    SlotLists.Entry kept = slotLists.get(key);
    return fetch(ownerId, slug, window, kept == null ? null : kept.from())
        .thenApply(
            fetched -> {
              Instant now = clock.instant();
              return kept != null && kept.holds(fetched, now)
                  ? kept
                  : slotLists.compute(key, fetched, now);
            });
  }

  /** The page alone (its type and owner's zone), for its description. */
  CompletionStage<Page> describe(UUID ownerId, String slug) {
    Instant now = clock.instant();
    return page(ownerId, slug, new Interval(now, now.plus(Duration.ofMinutes(1))));
  }

  /**
   * Books {@code guest} into the slot. The rules are applied here first (a start that was never a
   * slot is a 400 at once), and then again by each host's calendar as it takes the time, which is
   * what decides. {@code key}: the guest's idempotency key (null: none).
   */
  CompletionStage<Booked> book(
      UUID ownerId, String slug, GuestBooking guest, String key, String requestHash) {
    Instant start = guest.start();
    Interval around = new Interval(start, start.plus(Duration.ofMinutes(1)));
    return page(ownerId, slug, around)
        .thenCompose(
            p -> {
              EventType type = p.type();
              Instant now = clock.instant();
              var decision = BookingRules.decide(type, p.hosts(), start, now);
              if (!decision.bookable()) {
                throw refusal(decision.refusal());
              }
              boolean seated = type.seats() > 1;
              UUID meetingId =
                  seated ? seatedMeetingId(ownerId, type, start) : meetingId(ownerId, type, key);
              String token = links.token(meetingId, guest.email());
              var details = details(type, p.hosts().get(0), guest, ManageLinks.hash(token));
              Participant seat = details.participants().get(details.participants().size() - 1);
              return meetings
                  .<MeetingEntity.Reply>ask(
                      meetingId.toString(),
                      r ->
                          seated
                              ? new MeetingEntity.JoinSeat(
                                  ownerId, details, seat, type.seats(), now, r)
                              : new MeetingEntity.Create(ownerId, details, requestHash, now, r))
                  .thenApply(reply -> new Booked(meeting(reply), token, links.url(token)));
            });
  }

  /** The meeting a guest's token opens, with the owner's profile; or 404. */
  CompletionStage<Map.Entry<Meeting, UserProfile>> manage(String token) {
    UUID eventId = eventIdOf(token);
    return meetings
        .<MeetingEntity.Reply>ask(
            eventId.toString(), r -> new MeetingEntity.GuestGet(ManageLinks.hash(token), r))
        .thenCompose(
            reply -> {
              Meeting m = meeting(reply);
              return profiles.apply(m.organizerId()).thenApply(owner -> Map.entry(m, owner));
            });
  }

  CompletionStage<Meeting> cancel(String token) {
    UUID eventId = eventIdOf(token);
    return meetings
        .<MeetingEntity.Reply>ask(
            eventId.toString(),
            r -> new MeetingEntity.GuestCancel(ManageLinks.hash(token), clock.instant(), r))
        .thenApply(BookingPageService::meeting);
  }

  CompletionStage<Meeting> reschedule(String token, Instant start) {
    UUID eventId = eventIdOf(token);
    return meetings
        .<MeetingEntity.Reply>ask(
            eventId.toString(),
            r ->
                new MeetingEntity.GuestReschedule(
                    ManageLinks.hash(token), start, clock.instant(), r))
        .thenApply(BookingPageService::meeting);
  }

  private static UUID eventIdOf(String token) {
    return ManageLinks.eventIdOf(token).orElseThrow(() -> Problem.notFound("no such booking"));
  }

  /**
   * A retried request with the same key reaches the same meeting, which answers it as before; the
   * key is scoped to the type, so it never meets another page's (or the owner's own) keys.
   */
  static UUID meetingId(UUID ownerId, EventType type, String key) {
    if (key == null) {
      return UUID.randomUUID();
    }
    return UUID.nameUUIDFromBytes(
        ("booking-page:" + ownerId + ":" + type.id() + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every guest of one slot of a type with several seats reaches the same meeting, which seats them
   * one at a time; a guest booking again is recognized by their address.
   */
  static UUID seatedMeetingId(UUID ownerId, EventType type, Instant start) {
    return UUID.nameUUIDFromBytes(
        ("booking-page-seats:" + ownerId + ":" + type.id() + ":" + start)
            .getBytes(StandardCharsets.UTF_8));
  }

  private static MeetingDetails details(
      EventType type, HostView owner, GuestBooking guest, String manageHash) {
    List<Participant> participants = new ArrayList<>();
    for (UUID coHost : type.coHosts()) {
      participants.add(new Participant(coHost, null, null));
    }
    participants.add(new Participant(null, guest.email(), guest.name(), manageHash));
    Instant start = guest.start();
    var schedule = Schedule.single(start, start.plus(type.duration()), owner.hours().zone());
    return new MeetingDetails(
        type.title(),
        guest.notes(),
        type.location(),
        schedule,
        participants,
        type.reminders(),
        new Booking.PageBooking(
            type.id(),
            type.bufferBefore(),
            type.bufferAfter(),
            1,
            type.minimumCancelNotice(),
            type.seats()));
  }

  /** The meeting of an Ok reply; any other reply as the problem the booking-page API gives. */
  static Meeting meeting(MeetingEntity.Reply reply) {
    if (reply instanceof MeetingEntity.Ok ok) {
      return ok.meeting();
    }
    if (reply instanceof MeetingEntity.NotBookable n) {
      throw refusal(n.refusal());
    }
    if (reply instanceof MeetingEntity.Conflicts) {
      throw refusal(Refusal.BUSY);
    }
    if (reply instanceof MeetingEntity.NotFound) {
      throw Problem.notFound("no such booking");
    }
    if (reply instanceof MeetingEntity.KeyReused) {
      throw Problem.keyReused();
    }
    if (reply instanceof MeetingEntity.Refused r) {
      throw Problem.conflict(r.reason());
    }
    if (reply instanceof MeetingEntity.Unavailable u) {
      throw Problem.unavailable(u.reason() + "; retry with the same key");
    }
    throw new IllegalStateException("unexpected reply " + reply);
  }

  /** A slot taken meanwhile is a 409 with its reason; a start that was never a slot, a 400. */
  static Problem refusal(Refusal refusal) {
    if (refusal.taken()) {
      return new Problem(
          409,
          "Not bookable",
          refusal.message(),
          List.of(),
          Map.of(
              "reason",
              refusal.message(),
              "code",
              refusal.name().toLowerCase(java.util.Locale.ROOT)),
          Map.of());
    }
    return Problem.invalid("start", refusal.message());
  }
}
