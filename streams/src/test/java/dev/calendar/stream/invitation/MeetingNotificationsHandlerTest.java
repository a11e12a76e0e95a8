package dev.calendar.stream.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.invitation.Told;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.meeting.Participant;
import dev.calendar.schedule.Schedule;
import dev.calendar.store.invitation.ToldStore;
import dev.calendar.user.UserProfile;
import dev.calendar.webhook.WebhookRegistry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

/** The handler without Cassandra or Kafka: what it produces, and when it records who was told. */
class MeetingNotificationsHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID EVENT = UUID.fromString("11111111-2222-3333-4444-555555555555");
  private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final Instant AT = Instant.parse("2031-03-01T10:00:00Z");

  private final Map<String, Told> stored = new HashMap<>();
  private final List<ProducerRecord<String, String>> produced = new ArrayList<>();
  private boolean kafkaDown;

  private final ToldStore store =
      new ToldStore() {
        @Override
        public CompletionStage<Map<String, Told>> load(UUID eventId) {
          return CompletableFuture.completedFuture(Map.copyOf(stored));
        }

        @Override
        public CompletionStage<Void> save(UUID eventId, Map<String, Told> told) {
          stored.putAll(told);
          return CompletableFuture.completedFuture(null);
        }
      };

  private final Directory directory =
      new Directory() {
        @Override
        public CompletionStage<Optional<UserProfile>> profile(UUID userId) {
          String name = userId.equals(ADA) ? "Ada" : "Bob";
          return CompletableFuture.completedFuture(
              Optional.of(
                  new UserProfile(
                      userId,
                      name.toLowerCase() + "@example.com",
                      name,
                      ZoneId.of("UTC"),
                      List.of(),
                      null,
                      List.of(),
                      AT,
                      AT)));
        }

        @Override
        public CompletionStage<List<WebhookRegistry.Subscription>> webhooks(UUID userId) {
          return CompletableFuture.completedFuture(
              userId.equals(BOB)
                  ? List.of(
                      new WebhookRegistry.Subscription(
                          UUID.randomUUID(),
                          "https://hooks.example/b",
                          List.of("event.created"),
                          AT))
                  : List.of());
        }
      };

  private final MeetingNotificationsHandler handler =
      new MeetingNotificationsHandler(
          "notifications",
          store,
          directory,
          r -> {
            if (kafkaDown) {
              return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
            }
            produced.add(r);
            return CompletableFuture.completedFuture(null);
          },
          Runnable::run,
          new ManageLinks(new byte[32], "http://calendar.example"));

  private static EventEnvelope<MeetingEntity.Event> scheduled() {
    var details =
        new MeetingDetails(
            "Sync",
            null,
            null,
            Schedule.single(AT, AT.plusSeconds(1800), ZoneId.of("Europe/Berlin")),
            List.of(new Participant(BOB, null, "Bob"), new Participant(null, "c@x.example", "C")),
            List.of());
    var meeting = new Meeting(EVENT, ADA, details, false, AT, AT, 1, UUID.randomUUID());
    return EventEnvelope.create(
        Offset.sequence(1),
        "Meeting|" + EVENT,
        1,
        new MeetingEntity.MeetingScheduled(meeting, "hash"),
        0L);
  }

  private void handle(EventEnvelope<MeetingEntity.Event> envelope) throws Exception {
    handler.process(envelope).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void producesInvitationsAndTheWebhookThenRecordsWhoWasTold() throws Exception {
    handle(scheduled());

    assertThat(produced)
        .extracting(ProducerRecord::key)
        .containsExactlyInAnyOrder(
            "Meeting|" + EVENT + ":1:invitation:email:" + BOB,
            "Meeting|" + EVENT + ":1:invitation:email:c@x.example",
            "Meeting|" + EVENT + ":1:webhook:" + BOB);
    assertThat(stored).containsOnlyKeys(BOB.toString(), "c@x.example");
    JsonNode guest =
        JSON.readTree(
            produced.stream()
                .filter(r -> r.key().endsWith("c@x.example"))
                .findFirst()
                .orElseThrow()
                .value());
    assertThat(guest.get("address").asText()).isEqualTo("c@x.example");
    assertThat(guest.get("historyUserId").asText()).isEqualTo(ADA.toString());
    assertThat(guest.get("mail").get("ics").asText().replace("\r\n ", "")) // unfolded
        .contains("ORGANIZER:mailto:ada@example.com")
        .contains("mailto:bob@example.com");

    produced.clear();
    handle(scheduled()); // a replay after the rows were written: only the webhook, same key
    assertThat(produced)
        .extracting(ProducerRecord::key)
        .containsExactly("Meeting|" + EVENT + ":1:webhook:" + BOB);
  }

  @Test
  void nothingIsRecordedWhenKafkaDidNotAcknowledge() {
    kafkaDown = true;
    assertThatThrownBy(() -> handle(scheduled())).hasRootCauseMessage("broker down");
    assertThat(stored).isEmpty(); // so the replay sends them again, under the same keys
  }
}
