package dev.calendar.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calendar.connection.ConnectionEntityTest.FakeSync;
import dev.calendar.connection.ConnectionSync.Channel;
import dev.calendar.connection.ConnectionSync.Copy;
import dev.calendar.connection.ConnectionSync.Cursor;
import dev.calendar.connection.ConnectionSync.Failure;
import dev.calendar.connection.ConnectionSync.LocalEvent;
import dev.calendar.connection.ConnectionSync.PushOutcome;
import dev.calendar.connection.ConnectionSync.SyncOutcome;
import dev.calendar.connection.ConnectionSync.WatchOutcome;
import dev.calendar.testing.EntityTestConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Google or Outlook connection against a fake provider answered by hand: its watch (opened,
 * checked, renewed new-before-old), notifications (known, unknown, coalesced), a refused grant, and
 * local events written out once each.
 */
class TwoWayConnectionTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());

  // Backstop reads far apart: every read in these tests comes from a notification or a connect.
  private static final PollSchedule SLOW =
      new PollSchedule(
          Duration.ofMinutes(10),
          Duration.ofMinutes(10),
          Duration.ofMinutes(10),
          0,
          Duration.ofMinutes(10),
          Duration.ofMinutes(10));

  private final UUID connectionId = UUID.randomUUID();
  private final UUID user = UUID.randomUUID();
  private final FakeSync sync = new FakeSync();
  private EventSourcedBehaviorTestKit<
          ConnectionEntity.Command, ConnectionEntity.Event, ConnectionState>
      kit;

  @BeforeEach
  void setUp() {
    TestProbe<ClusterSharding.ShardCommand> shard = testKit.createTestProbe();
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            ConnectionEntity.create(
                connectionId, shard.ref(), sync, SLOW, Clock.systemUTC(), () -> 0.5));
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  /** Connects, opens the watch as {@code channel} and answers the first read. */
  private Channel connected(String provider) throws Exception {
    kit.<ConnectionEntity.Reply>runCommand(
        r -> new ConnectionEntity.Connect(user, provider, null, "a@example.com", "sealed-1", r));
    var watch = sync.nextWatch();
    assertThat(watch.request().current()).isNull();
    Channel channel =
        new Channel(
            "outlook".equals(provider) ? "sub-1" : watch.request().channelId(),
            "res-1",
            watch.request().token(),
            Instant.now().plus(Duration.ofDays(7)),
            Instant.now().plus(Duration.ofDays(5)));
    watch.answer().complete(new WatchOutcome.Watching(channel, null));
    sync.nextSync().answer().complete(changed("token-1"));
    await().until(() -> kit.getState().twoWay().channel() != null);
    return channel;
  }

  private static SyncOutcome.Changed changed(String token) {
    return new SyncOutcome.Changed(
        Cursor.token(token, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)), null, null, 1, 0, 0, 0);
  }

  private boolean google(String channelId, String token, String resourceId, String state) {
    return kit.<Boolean>runCommand(
            r -> new ConnectionEntity.GoogleNotification(channelId, token, resourceId, state, r))
        .reply();
  }

  @Test
  void aNotificationOfTheCurrentChannelReadsTheChangesAndAStrangerIsRefusedAndStopped()
      throws Exception {
    Channel channel = connected("google");

    assertThat(google(channel.id(), channel.token(), "res-1", "exists")).isTrue();
    var read = sync.nextSync();
    assertThat(read.request().cursor().token()).isEqualTo("token-1");
    assertThat(read.request().credentials()).isEqualTo("sealed-1");
    read.answer().complete(changed("token-2"));

    assertThat(google(channel.id(), "wrong-token", "res-1", "exists")).isFalse();
    String stale = connectionId + "_old";
    assertThat(google(stale, channel.token(), "res-0", "exists")).isFalse();
    await().until(() -> sync.unwatched.stream().anyMatch(c -> c.id().equals(stale)));
    assertThat(sync.syncs.poll(300, TimeUnit.MILLISECONDS)).as("no read for strangers").isNull();
  }

  @Test
  void theFirstNotificationMayComeBeforeTheWatchIsAnswered() throws Exception {
    kit.<ConnectionEntity.Reply>runCommand(
        r -> new ConnectionEntity.Connect(user, "google", null, "a@example.com", "sealed-1", r));
    var watch = sync.nextWatch();
    assertThat(google(watch.request().channelId(), watch.request().token(), "res-1", "sync"))
        .isTrue();
  }

  @Test
  void notificationsDuringAReadMakeOneMoreRead() throws Exception {
    Channel channel = connected("google");
    google(channel.id(), channel.token(), "res-1", "exists");
    var first = sync.nextSync();
    for (int i = 0; i < 5; i++) {
      google(channel.id(), channel.token(), "res-1", "exists");
    }
    first.answer().complete(changed("token-2"));
    var second = sync.nextSync();
    assertThat(second.request().cursor().token()).isEqualTo("token-2");
    second.answer().complete(changed("token-3"));
    assertThat(sync.syncs.poll(300, TimeUnit.MILLISECONDS)).as("only one more").isNull();
  }

  @Test
  void notificationsDoNotCutABackoffShort() throws Exception {
    Channel channel = connected("google");
    google(channel.id(), channel.token(), "res-1", "exists");
    sync.nextSync()
        .answer()
        .complete(
            new SyncOutcome.Failed("google: 429 rateLimitExceeded", false, Duration.ofMinutes(1)));
    await().until(() -> "error".equals(kit.getState().status()));
    for (int i = 0; i < 3; i++) {
      assertThat(google(channel.id(), channel.token(), "res-1", "exists")).isTrue();
    }
    assertThat(sync.syncs.poll(500, TimeUnit.MILLISECONDS))
        .as("the provider is left alone")
        .isNull();
  }

  @Test
  void aChannelIsRenewedByANewOneWrittenDownBeforeTheOldIsStopped() throws Exception {
    kit.<ConnectionEntity.Reply>runCommand(
        r -> new ConnectionEntity.Connect(user, "google", null, "a@example.com", "sealed-1", r));
    var watch = sync.nextWatch();
    // Due for renewal almost at once.
    Channel old =
        new Channel(
            watch.request().channelId(),
            "res-1",
            watch.request().token(),
            Instant.now().plusSeconds(60),
            Instant.now().plusMillis(200));
    watch.answer().complete(new WatchOutcome.Watching(old, null));
    sync.nextSync().answer().complete(changed("token-1"));

    var renewal = sync.nextWatch();
    assertThat(renewal.request().current()).isEqualTo(old);
    assertThat(renewal.request().channelId()).isNotEqualTo(old.id());
    assertThat(sync.unwatched).as("the old one still runs").isEmpty();
    Channel next =
        new Channel(
            renewal.request().channelId(),
            "res-1",
            renewal.request().token(),
            Instant.now().plus(Duration.ofDays(7)),
            Instant.now().plus(Duration.ofDays(5)));
    renewal.answer().complete(new WatchOutcome.Watching(next, "sealed-2"));

    await().until(() -> sync.unwatched.contains(old));
    assertThat(kit.getState().twoWay().channel()).isEqualTo(next);
    assertThat(kit.getState().twoWay().credentials()).isEqualTo("sealed-2");
    // The old channel's notifications are now strangers'.
    assertThat(google(old.id(), old.token(), "res-1", "exists")).isFalse();
  }

  @Test
  void aRefusedGrantStopsEverythingUntilTheUserConnectsAgain() throws Exception {
    Channel channel = connected("google");
    google(channel.id(), channel.token(), "res-1", "exists");
    sync.nextSync()
        .answer()
        .complete(new SyncOutcome.Failed("google: invalid_grant", true, null, true, null));
    await().until(() -> kit.getState().needsReauth());
    var view =
        ((ConnectionEntity.Found)
                kit.<ConnectionEntity.Reply>runCommand(r -> new ConnectionEntity.Get(user, r))
                    .reply())
            .connection();
    assertThat(view.status()).isEqualTo("needs_reauth");
    assertThat(view.lastError()).contains("invalid_grant");

    google(channel.id(), channel.token(), "res-1", "exists");
    assertThat(sync.syncs.poll(300, TimeUnit.MILLISECONDS)).as("no retry loop").isNull();
  }

  @Test
  void aLocalEventIsWrittenOutOnceAndItsCopyIsNeverBusyTime() throws Exception {
    Channel channel = connected("google");
    kit.<ConnectionEntity.Reply>runCommand(r -> new ConnectionEntity.Update(user, null, true, r));
    UUID eventId = UUID.randomUUID();
    LocalEvent v1 = event(eventId, 1);

    var queued = kit.<Done>runCommand(r -> new ConnectionEntity.Push(user, v1, r));
    assertThat(queued.event()).isInstanceOf(ConnectionEntity.PushQueued.class);
    var push = sync.nextPush();
    assertThat(push.request().copy()).isNull();
    push.answer().complete(new PushOutcome.Pushed(new Copy("ext-1", "\"1\"", 1), null));
    await().until(() -> kit.getState().twoWay().copies().containsKey(eventId));

    // The same change again (Kafka delivers at least once): nothing written, nothing sent.
    var again = kit.<Done>runCommand(r -> new ConnectionEntity.Push(user, v1, r));
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(sync.pushes.poll(300, TimeUnit.MILLISECONDS)).isNull();

    // Its echo: the next read is told the copy is ours.
    google(channel.id(), channel.token(), "res-1", "exists");
    assertThat(sync.nextSync().request().ownExternalIds()).containsExactly("ext-1");

    // A new version updates the copy it has.
    kit.<Done>runCommand(r -> new ConnectionEntity.Push(user, event(eventId, 2), r));
    assertThat(sync.nextPush().request().copy()).isEqualTo(new Copy("ext-1", "\"1\"", 1));
  }

  @Test
  void aWriteThatFailsForNowIsTriedAgain() throws Exception {
    connected("google");
    kit.<ConnectionEntity.Reply>runCommand(r -> new ConnectionEntity.Update(user, null, true, r));
    UUID eventId = UUID.randomUUID();
    kit.<Done>runCommand(r -> new ConnectionEntity.Push(user, event(eventId, 1), r));
    sync.nextPush()
        .answer()
        .complete(
            new PushOutcome.NotPushed(
                new Failure("google: 503", false, Duration.ofMillis(100), false), null));
    var retry = sync.nextPush();
    assertThat(retry.request().event().eventId()).isEqualTo(eventId);
  }

  @Test
  void outlookChecksClientStateAndRecreatesARemovedSubscription() throws Exception {
    Channel sub = connected("outlook");
    boolean wrong =
        kit.<Boolean>runCommand(
                r -> new ConnectionEntity.OutlookNotification(sub.id(), "forged", null, r))
            .reply();
    assertThat(wrong).isFalse();
    assertThat(sync.syncs.poll(300, TimeUnit.MILLISECONDS)).isNull();

    boolean removed =
        kit.<Boolean>runCommand(
                r ->
                    new ConnectionEntity.OutlookNotification(
                        sub.id(), sub.token(), "subscriptionRemoved", r))
            .reply();
    assertThat(removed).isTrue();
    var recreate = sync.nextWatch();
    assertThat(recreate.request().current()).as("a new one, not a renewal").isNull();
    assertThat(sync.nextSync()).as("and a read of what was missed").isNotNull();
  }

  private static LocalEvent event(UUID id, long version) {
    Instant start = Instant.parse("2031-03-04T10:00:00Z");
    return new LocalEvent(
        id,
        version,
        false,
        "Sync v" + version,
        null,
        null,
        start,
        start.plusSeconds(1800),
        "Europe/Berlin",
        List.of());
  }
}
