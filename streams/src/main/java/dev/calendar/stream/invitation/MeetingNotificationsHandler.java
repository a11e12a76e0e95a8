package dev.calendar.stream.invitation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.invitation.CalendarMessage;
import dev.calendar.invitation.InvitationMails;
import dev.calendar.invitation.InvitationPlan;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingChange;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.Channel;
import dev.calendar.notification.Notification;
import dev.calendar.notification.Notification.Kind;
import dev.calendar.notification.Recipient;
import dev.calendar.store.invitation.ToldStore;
import dev.calendar.user.UserProfile;
import dev.calendar.webhook.WebhookEvents;
import dev.calendar.webhook.WebhookRegistry;
import dev.calendar.wire.EventView;
import dev.calendar.wire.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One meeting change → the invitation, update and cancellation emails it calls for ({@link
 * InvitationPlan}, from what each recipient was last told) and one {@code event.*} webhook
 * notification per user with a matching subscription, all produced to {@code notifications}.
 *
 * <p>The told-state is written only after Kafka has acknowledged every message. A crash in between
 * makes the replay plan and send the same messages under the same keys, which the notifier drops as
 * duplicates; a replay after the write finds everyone told and sends nothing new.
 */
public final class MeetingNotificationsHandler extends Handler<EventEnvelope<MeetingEntity.Event>> {
  private static final Logger log = LoggerFactory.getLogger(MeetingNotificationsHandler.class);

  private final ManageLinks manageLinks;
  private final String topic;
  private final ToldStore toldStore;
  private final Directory directory;
  private final Function<ProducerRecord<String, String>, CompletionStage<?>> send;
  private final Executor executor;

  /**
   * @param send a Kafka producer's send (a {@code SendProducer}), completing when acknowledged
   * @param executor where the stages chain (the system's dispatcher)
   */
  /** A booking-page guest's link, derived again for every mail (it is never stored). */
  private String manageUrl(Meeting meeting, Recipient r) {
    if (r.internal() || meeting.details().page() == null) {
      return null;
    }
    boolean booked =
        meeting.details().participants().stream()
            .anyMatch(p -> p.manageHash() != null && r.email().equalsIgnoreCase(p.email()));
    return booked ? manageLinks.url(manageLinks.token(meeting.id(), r.email())) : null;
  }

  MeetingNotificationsHandler(
      String topic,
      ToldStore toldStore,
      Directory directory,
      Function<ProducerRecord<String, String>, CompletionStage<?>> send,
      Executor executor,
      ManageLinks manageLinks) {
    this.manageLinks = manageLinks;
    this.topic = topic;
    this.toldStore = toldStore;
    this.directory = directory;
    this.send = send;
    this.executor = executor;
  }

  /** A journal event that changed a meeting: the meeting after it, when, and its webhook type. */
  private record Change(Meeting meeting, Instant at, String webhookType) {}

  @Override
  public CompletionStage<Done> process(EventEnvelope<MeetingEntity.Event> envelope) {
    Optional<Change> change = change(envelope);
    if (change.isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    Meeting meeting = change.get().meeting();
    String source = envelope.persistenceId() + ":" + envelope.sequenceNr();
    return toldStore
        .load(meeting.id())
        .thenComposeAsync(
            told -> {
              InvitationPlan plan = InvitationPlan.of(told, meeting);
              return notifications(source, change.get(), plan)
                  .thenComposeAsync(this::produceAll, executor)
                  .thenComposeAsync(
                      sent ->
                          plan.told().isEmpty()
                              ? CompletableFuture.completedFuture(null)
                              : toldStore.save(meeting.id(), plan.told()),
                      executor);
            },
            executor)
        .thenApply(done -> Done.getInstance());
  }

  private static Optional<Change> change(EventEnvelope<MeetingEntity.Event> envelope) {
    UUID meetingId = MeetingEntity.meetingIdOf(envelope.persistenceId());
    Optional<MeetingChange> decoded = MeetingChange.of(meetingId, envelope.event());
    if (decoded.isEmpty()) {
      return Optional.empty(); // a rejected create: nothing was booked
    }
    MeetingChange c = decoded.get();
    if (c instanceof MeetingChange.Scheduled s) {
      return Optional.of(new Change(s.meeting(), c.at(), WebhookEvents.EVENT_CREATED));
    }
    if (c instanceof MeetingChange.Changed ch) {
      return Optional.of(new Change(ch.meeting(), c.at(), WebhookEvents.EVENT_UPDATED));
    }
    var cancelled = (MeetingChange.Cancelled) c;
    if (cancelled.meeting().isEmpty()) {
      // Written before cancellations carried the meeting: nothing to word an email with.
      log.warn(
          "persistenceId={} cancellation without the meeting: not notified",
          envelope.persistenceId());
      return Optional.empty();
    }
    return Optional.of(
        new Change(cancelled.meeting().get(), c.at(), WebhookEvents.EVENT_CANCELLED));
  }

  /** The emails of the plan and the webhook notifications, once the users are looked up. */
  private CompletionStage<List<Notification>> notifications(
      String source, Change change, InvitationPlan plan) {
    Meeting meeting = change.meeting();
    // Users of the service whose address an email needs: as recipient, organizer or ATTENDEE.
    Set<UUID> needAddress = new LinkedHashSet<>();
    if (!plan.messages().isEmpty() || bookedThroughPage(meeting)) {
      needAddress.addAll(meeting.calendars());
      plan.messages().stream()
          .map(m -> m.recipient().userId())
          .filter(id -> id != null)
          .forEach(needAddress::add);
    }
    CompletionStage<Map<UUID, UserProfile>> profiles = profiles(needAddress);
    CompletionStage<List<Notification>> webhooks = webhooks(source, change);
    return profiles.thenCombineAsync(
        webhooks,
        (found, hooks) -> {
          List<Notification> out = new ArrayList<>(emails(source, change, plan, found));
          out.addAll(hooks);
          return out;
        },
        executor);
  }

  private CompletionStage<Map<UUID, UserProfile>> profiles(Set<UUID> userIds) {
    Map<UUID, UserProfile> found = new HashMap<>();
    CompletionStage<Void> all = CompletableFuture.completedFuture(null);
    for (UUID id : userIds) {
      all =
          all.thenCombineAsync(
              directory.profile(id),
              (ignored, profile) -> {
                profile.ifPresent(p -> found.put(id, p));
                return null;
              },
              executor);
    }
    return all.thenApply(done -> found);
  }

  /** A booking made through a booking page: its host hears of every change its guests make. */
  private static boolean bookedThroughPage(Meeting meeting) {
    return meeting.details().page() != null;
  }

  private List<Notification> emails(
      String source, Change change, InvitationPlan plan, Map<UUID, UserProfile> profiles) {
    if (plan.messages().isEmpty() && !bookedThroughPage(change.meeting())) {
      return List.of();
    }
    Meeting meeting = change.meeting();
    UserProfile organizerProfile = profiles.get(meeting.organizerId());
    if (organizerProfile == null) {
      log.warn("eventId={} organizer {} unknown: no emails", meeting.id(), meeting.organizerId());
      return List.of();
    }
    Map<UUID, String> emails = new HashMap<>();
    profiles.forEach((id, p) -> emails.put(id, p.email()));
    Meeting shown = withKnownAddresses(meeting, emails);
    var organizer =
        new InvitationMails.Organizer(organizerProfile.name(), organizerProfile.email());

    List<Notification> out = new ArrayList<>();
    for (InvitationPlan.Message message : plan.messages()) {
      Recipient r = message.recipient();
      String to = r.internal() ? emails.get(r.userId()) : r.email();
      if (to == null) {
        log.warn("eventId={} userId={} unknown: no {}", meeting.id(), r.userId(), message.kind());
        continue;
      }
      CalendarMessage mail =
          InvitationMails.compose(
              shown, message, to, organizer, emails, change.at(), manageUrl(meeting, r));
      out.add(
          email(
              source + ":" + message.kind().wireName() + ":email:" + r.key(),
              message.kind(),
              r.userId(),
              r.internal() ? null : r.email(),
              r.internal() ? r.userId() : meeting.organizerId(),
              change,
              mail));
    }
    if (bookedThroughPage(meeting)) {
      out.add(hostNotice(source, change, shown, organizer, emails));
    }
    return out;
  }

  /**
   * The host's email about a booking-page booking: made, changed (moved, a seat taken or freed) or
   * cancelled by its guests. A PUT by the host makes the event an ordinary one, so every change
   * seen here came from a guest.
   */
  private static Notification hostNotice(
      String source,
      Change change,
      Meeting shown,
      InvitationMails.Organizer organizer,
      Map<UUID, String> emails) {
    Meeting meeting = change.meeting();
    Kind kind =
        switch (change.webhookType()) {
          case WebhookEvents.EVENT_CREATED -> Kind.INVITATION;
          case WebhookEvents.EVENT_CANCELLED -> Kind.CANCELLATION;
          default -> Kind.UPDATE;
        };
    CalendarMessage mail = InvitationMails.hostNotice(shown, kind, organizer, emails, change.at());
    return email(
        source + ":host-notice:email:" + meeting.organizerId(),
        kind,
        meeting.organizerId(),
        null,
        meeting.organizerId(),
        change,
        mail);
  }

  /**
   * An email about the change: to a user ({@code userId}) or a guest ({@code guestEmail}), listed
   * in {@code historyUserId}'s notification history.
   */
  private static Notification email(
      String key,
      Kind kind,
      UUID userId,
      String guestEmail,
      UUID historyUserId,
      Change change,
      CalendarMessage mail) {
    return new Notification(
        Notification.SCHEMA_VERSION,
        key,
        kind,
        Channel.EMAIL,
        userId,
        guestEmail,
        historyUserId,
        change.meeting().id(),
        null,
        null,
        change.at(),
        null,
        null,
        new Notification.Mail(mail.subject(), mail.text(), mail.ics(), mail.method()));
  }

  /** The meeting without users that no longer exist, whom an ATTENDEE line cannot name. */
  private static Meeting withKnownAddresses(Meeting m, Map<UUID, String> emails) {
    List<Participant> known =
        m.details().participants().stream()
            .filter(p -> !p.internal() || emails.containsKey(p.userId()))
            .toList();
    if (known.size() == m.details().participants().size()) {
      return m;
    }
    MeetingDetails d = m.details();
    return new Meeting(
        m.id(),
        m.organizerId(),
        new MeetingDetails(
            d.title(), d.description(), d.location(), d.schedule(), known, d.reminders(), d.page()),
        m.cancelled(),
        m.createdAt(),
        m.updatedAt(),
        m.version(),
        m.attemptId());
  }

  /** One webhook notification per user (organizer or participant) subscribed to the type. */
  private CompletionStage<List<Notification>> webhooks(String source, Change change) {
    Meeting meeting = change.meeting();
    List<Notification> out = new ArrayList<>();
    CompletionStage<Void> all = CompletableFuture.completedFuture(null);
    for (UUID userId : meeting.calendars()) {
      all =
          all.thenCombineAsync(
              directory.webhooks(userId),
              (ignored, hooks) -> {
                if (hooks.stream().anyMatch(h -> subscribes(h, change.webhookType()))) {
                  out.add(webhook(source, change, userId));
                }
                return null;
              },
              executor);
    }
    return all.thenApply(done -> out);
  }

  private static boolean subscribes(WebhookRegistry.Subscription hook, String type) {
    return hook.events().contains(type);
  }

  private static Notification webhook(String source, Change change, UUID userId) {
    Meeting meeting = change.meeting();
    return new Notification(
        Notification.SCHEMA_VERSION,
        source + ":webhook:" + userId,
        Kind.WEBHOOK,
        Channel.WEBHOOK,
        userId,
        null,
        userId,
        meeting.id(),
        null,
        null,
        change.at(),
        change.webhookType(),
        Json.MAPPER.valueToTree(EventView.of(meeting)),
        null);
  }

  private CompletionStage<Void> produceAll(List<Notification> notifications) {
    CompletableFuture<?>[] acks =
        notifications.stream()
            .map(n -> send.apply(record(n)).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(acks)
        .thenRunAsync(
            () ->
                notifications.forEach(
                    n -> log.debug("notification produced key={} kind={}", n.key(), n.kind())),
            executor);
  }

  private ProducerRecord<String, String> record(Notification n) {
    try {
      return new ProducerRecord<>(topic, n.key(), Json.MAPPER.writeValueAsString(n));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + n.key(), e);
    }
  }
}
