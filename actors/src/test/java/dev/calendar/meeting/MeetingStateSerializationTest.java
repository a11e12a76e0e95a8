package dev.calendar.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.calendar.Conflict;
import dev.calendar.schedule.Schedule;
import dev.calendar.testing.EntityTestConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The meeting's snapshot forms round-trip through the CBOR binding, and a snapshot of the earlier
 * form (one record with nullable fields, its manifest naming {@code MeetingEntity$State}) still
 * reads, as the state it meant.
 */
class MeetingStateSerializationTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final Instant NINE = Instant.parse("2031-03-03T08:00:00Z");
  private static final String EARLIER_MANIFEST = "dev.calendar.meeting.MeetingEntity$State";

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private static Meeting meeting() {
    var details =
        new MeetingDetails(
            "Sync",
            "notes",
            "room 1",
            Schedule.single(NINE, NINE.plus(Duration.ofMinutes(30)), ZoneId.of("Europe/Berlin")),
            List.of(new Participant(UUID.randomUUID(), null, null)),
            List.of());
    return Meeting.first(UUID.randomUUID(), UUID.randomUUID(), details, NINE, UUID.randomUUID());
  }

  private static Conflict conflict() {
    return new Conflict(UUID.randomUUID(), NINE, NINE.plusSeconds(600), UUID.randomUUID());
  }

  @Test
  void everyFormRoundTrips() {
    var kit = new SerializationTestKit(testKit.system());
    kit.verifySerialization(MeetingEntity.State.EMPTY, true);
    kit.verifySerialization(new MeetingEntity.Rejected("h", List.of(conflict())), true);
    kit.verifySerialization(new MeetingEntity.Booked(meeting(), "h"), true);
    kit.verifySerialization(new MeetingEntity.Booked(meeting().cancelledAt(NINE), "h"), true);
  }

  @Test
  void aSnapshotOfTheEarlierFormReadsAsBooked() throws Exception {
    Meeting meeting = meeting();
    assertThat(readEarlier(meeting, "h", null)).isEqualTo(new MeetingEntity.Booked(meeting, "h"));
  }

  @Test
  void aSnapshotOfTheEarlierFormReadsAsRejected() throws Exception {
    Conflict conflict = conflict();
    assertThat(readEarlier(null, "h", List.of(conflict)))
        .isEqualTo(new MeetingEntity.Rejected("h", List.of(conflict)));
  }

  @Test
  void aSnapshotOfTheEarlierFormReadsAsEmpty() throws Exception {
    assertThat(readEarlier(null, null, null)).isEqualTo(MeetingEntity.State.EMPTY);
  }

  /** Writes the earlier record's fields as its serializer did, and reads them by its manifest. */
  private static Object readEarlier(Meeting meeting, String createHash, List<Conflict> rejection)
      throws Exception {
    Serialization serialization = SerializationExtension.get(testKit.system().classicSystem());
    var sample = new MeetingEntity.Booked(meeting(), "h");
    var serializer = serialization.findSerializerFor(sample);
    assertThat(Serializers.manifestFor(serializer, sample))
        .isEqualTo("dev.calendar.meeting.MeetingEntity$Booked");
    var mapper =
        JacksonObjectMapperProvider.get(testKit.system().classicSystem())
            .getOrCreate("jackson-cbor", java.util.Optional.empty());
    Map<String, Object> earlier = new LinkedHashMap<>();
    earlier.put("meeting", meeting);
    earlier.put("createHash", createHash);
    earlier.put("rejection", rejection);
    byte[] bytes = mapper.writeValueAsBytes(earlier);
    return serialization.deserialize(bytes, serializer.identifier(), EARLIER_MANIFEST).get();
  }
}
