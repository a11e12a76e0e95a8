package dev.calendar.app;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import dev.calendar.api.Authentication;
import dev.calendar.api.ClientAddress;
import dev.calendar.api.EntityAsk;
import dev.calendar.api.HealthRoutes;
import dev.calendar.api.HttpApi;
import dev.calendar.api.HttpMetrics;
import dev.calendar.api.Idempotency;
import dev.calendar.api.OpenApiRoute;
import dev.calendar.api.UrlChecks;
import dev.calendar.api.bookingpage.BookingPageRoutes;
import dev.calendar.api.bookingpage.BookingPageService;
import dev.calendar.api.bookingpage.EventTypeRoutes;
import dev.calendar.api.bookingpage.EventTypeService;
import dev.calendar.api.bookingpage.PublicLimits;
import dev.calendar.api.bookingpage.SlotLists;
import dev.calendar.api.calendar.AvailabilityRoutes;
import dev.calendar.api.calendar.AvailabilityService;
import dev.calendar.api.connection.ConnectionRoutes;
import dev.calendar.api.connection.ConnectionService;
import dev.calendar.api.connection.ProviderWebhookRoutes;
import dev.calendar.api.external.ExternalBusyService;
import dev.calendar.api.external.ImportRoutes;
import dev.calendar.api.feed.CalendarFeedRoutes;
import dev.calendar.api.feed.CalendarFeedService;
import dev.calendar.api.meeting.EventRoutes;
import dev.calendar.api.meeting.MeetingService;
import dev.calendar.api.notification.NotificationRoutes;
import dev.calendar.api.notification.NotificationService;
import dev.calendar.api.user.AccountService;
import dev.calendar.api.user.LoginThrottle;
import dev.calendar.api.user.LoginThrottleSettings;
import dev.calendar.api.user.UserRoutes;
import dev.calendar.api.webhook.WebhookRoutes;
import dev.calendar.api.webhook.WebhookService;
import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.calendar.CalendarSettings;
import dev.calendar.connection.ConnectionDirectory;
import dev.calendar.connection.ConnectionEntity;
import dev.calendar.connection.ConnectionSettings;
import dev.calendar.connection.SyncMetrics;
import dev.calendar.journal.RecoveryFailures;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.meeting.MeetingSettings;
import dev.calendar.meeting.ShardedHoldOwners;
import dev.calendar.session.ClusterSessionRevocations;
import dev.calendar.session.SessionEvictor;
import dev.calendar.store.idempotency.CassandraIdempotencyStore;
import dev.calendar.store.idempotency.IdempotentRequests;
import dev.calendar.store.notification.NotificationHistory;
import dev.calendar.store.schema.CassandraSchema;
import dev.calendar.store.session.CachingSessionStore;
import dev.calendar.store.session.CassandraSessionStore;
import dev.calendar.store.session.Sessions;
import dev.calendar.stream.invitation.MeetingNotificationsProjection;
import dev.calendar.stream.notifier.Notifier;
import dev.calendar.stream.outbound.HostResolver;
import dev.calendar.stream.outbox.CalendarEventsProjection;
import dev.calendar.stream.reminder.ReminderMetrics;
import dev.calendar.stream.reminder.Reminders;
import dev.calendar.stream.sync.ConnectionSyncs;
import dev.calendar.stream.sync.IcsFeedFetcher;
import dev.calendar.stream.sync.PushStream;
import dev.calendar.stream.sync.TwoWaySyncs;
import dev.calendar.user.EmailRegistry;
import dev.calendar.user.PasswordHasher;
import dev.calendar.user.UserEntity;
import dev.calendar.user.UserProfile;
import dev.calendar.webhook.WebhookRegistry;
import dev.calendar.webhook.WebhookSettings;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One cluster node: actor system, entities, stores and the HTTP API, wired together. */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final ActorSystem<Void> system;
  private final ServerBinding binding;

  private Node(ActorSystem<Void> system, ServerBinding binding) {
    this.system = system;
    this.binding = binding;
  }

  public static Node start(Config config) throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "calendar", config);
    try {
      return wire(system, config);
    } catch (Exception | Error e) {
      system.terminate();
      throw e;
    }
  }

  private static Node wire(ActorSystem<Void> system, Config config) throws Exception {
    var settings = NodeSettings.of(config);
    var cluster = Cluster.get(system);
    if (settings.joinSelf()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }

    CqlSession cql = CassandraSessions.of(system);
    String keyspace = settings.keyspace();
    if (settings.createSchema()) {
      CassandraSchema.create(system, cql);
    }

    Admin kafka =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers()));
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "close-kafka-admin",
            () ->
                CompletableFuture.supplyAsync(
                    () -> {
                      kafka.close(Duration.ofSeconds(5));
                      return Done.getInstance();
                    }));
    KafkaTopics.ensure(kafka, config);

    Duration askTimeout = settings.askTimeout();
    UserEntity.init(system);
    EmailRegistry.init(system);
    CalendarSettings calendarSettings = CalendarSettings.of(config);
    CalendarEntity.init(
        system,
        calendarSettings,
        new ShardedHoldOwners(ClusterSharding.get(system), calendarSettings.askTimeout()));
    MeetingEntity.init(system, askTimeout, MeetingSettings.of(config), calendarSettings);
    WebhookRegistry.init(system);
    CalendarEventsProjection.init(system);
    var manageLinks = manageLinks(config, settings.publicBaseUrl());
    MeetingNotificationsProjection.init(system, cql, manageLinks);
    if (settings.remindersEnabled()) {
      Reminders.init(system, cql, keyspace, askTimeout);
    }
    if (settings.notifierEnabled()) {
      Notifier.init(system, cql);
    }

    Clock clock = Clock.systemUTC();
    var blocking =
        system.dispatchers().lookup(DispatcherSelector.fromConfig("calendar.blocking-dispatcher"));
    var hasher =
        new PasswordHasher(
            settings.passwords().memoryKib(),
            settings.passwords().iterations(),
            settings.passwords().parallelism());
    var sessionCache =
        new CachingSessionStore(
            new CassandraSessionStore(cql, keyspace),
            settings.sessionCache().maxEntries(),
            settings.sessionCache().maxAge());
    SessionEvictor.init(system, sessionCache);
    var sessions =
        new Sessions(
            sessionCache,
            new ClusterSessionRevocations(system, sessionCache, askTimeout),
            settings.sessionTtl(),
            clock);
    var idempotency =
        new Idempotency(
            new IdempotentRequests(
                new CassandraIdempotencyStore(cql, keyspace, settings.idempotency().ttl()),
                settings.idempotency().inProgressLease(),
                settings.idempotency().waitForInProgress(),
                clock));
    var auth = new Authentication(sessions);
    var accounts =
        new AccountService(
            ClusterSharding.get(system), hasher, sessions, blocking, askTimeout, clock);
    var sharding = ClusterSharding.get(system);
    var meetings = new MeetingService(sharding, accounts, askTimeout, clock);

    var bookingPages =
        new BookingPageService(
            EntityAsk.sharded(sharding, CalendarEntity.TYPE_KEY, askTimeout),
            EntityAsk.sharded(sharding, MeetingEntity.TYPE_KEY, askTimeout),
            accounts::profile,
            manageLinks,
            SlotLists.of(config),
            clock);
    var clientAddress = ClientAddress.of(config);
    var feeds =
        new CalendarFeedService(
            EntityAsk.sharded(sharding, UserEntity.TYPE_KEY, askTimeout),
            EntityAsk.sharded(sharding, CalendarEntity.TYPE_KEY, askTimeout),
            accounts::profile,
            settings.publicBaseUrl(),
            new SecureRandom(),
            clock);

    var externalBusy =
        new ExternalBusyService(
            EntityAsk.sharded(sharding, CalendarEntity.TYPE_KEY, askTimeout),
            accounts::profile,
            blocking);
    var connectionSettings = ConnectionSettings.of(config);
    ConnectionDirectory.init(system, connectionSettings.maxPerUser());
    Function<UUID, CompletionStage<ZoneId>> userZones =
        userId -> accounts.profile(userId).thenApply(UserProfile::timezone);
    var connectionSyncs =
        new ConnectionSyncs(
            new IcsFeedFetcher(
                system,
                SSLContext.getDefault(),
                IcsFeedFetcher.Settings.DEFAULT,
                connectionSettings.devMode(),
                HostResolver.SYSTEM,
                blocking,
                clock),
            externalBusy::replace,
            userZones,
            blocking,
            sharding,
            askTimeout);
    var twoWay = TwoWaySetup.of(system, config, settings.publicBaseUrl(), clock);
    if (twoWay.enabled()) {
      connectionSyncs.withTwoWay(
          new TwoWaySyncs(
              twoWay.providers(),
              twoWay.vault(),
              externalBusy::replace,
              connectionSyncs::patch,
              userZones,
              twoWay.settings(),
              clock));
      PushStream.run(
          system,
          new PushStream.Settings(
              config.getString("calendar.kafka.bootstrap-servers"),
              config.getString("calendar.outbox.topic"),
              config.getString("calendar.two-way.push.group-id"),
              config.getInt("calendar.two-way.push.parallelism"),
              askTimeout));
    }
    ConnectionEntity.init(system, connectionSyncs, connectionSettings);

    var metrics = new HttpMetrics(HttpMetrics.newRegistry());
    registerSyncMetrics(metrics.registry(), SyncMetrics.get(system));
    CounterWithCallback.builder()
        .name("journal_recovery_failures")
        .help("Entities whose recovery failed (e.g. two writers for one persistence id)")
        .callback(cb -> cb.call(RecoveryFailures.get(system).count()))
        .register(metrics.registry());
    CounterWithCallback.builder()
        .name("reminders_stale")
        .help("Reminders not sent: found more than stale-after late, or after their occurrence")
        .callback(cb -> cb.call(ReminderMetrics.get(system).stale()))
        .register(metrics.registry());
    var api =
        new HttpApi(
            metrics,
            List.of(
                new HealthRoutes(ReadinessChecks.of(system, cql, kafka)).route(),
                new OpenApiRoute().route(),
                new UserRoutes(
                        accounts,
                        auth,
                        idempotency,
                        new LoginThrottle(LoginThrottleSettings.of(config), clock),
                        clientAddress)
                    .route(),
                new BookingPageRoutes(bookingPages, PublicLimits.of(config, clientAddress, clock))
                    .route(),
                // Its reads are limited per address apart from the booking pages', as they are.
                new CalendarFeedRoutes(feeds, auth, PublicLimits.of(config, clientAddress, clock))
                    .route(),
                new EventRoutes(meetings, auth, idempotency).route(),
                new AvailabilityRoutes(
                        new AvailabilityService(sharding, accounts, askTimeout, config), auth)
                    .route(),
                new NotificationRoutes(
                        new NotificationService(new NotificationHistory(cql, keyspace)), auth)
                    .route(),
                new WebhookRoutes(
                        new WebhookService(
                            sharding, WebhookSettings.of(config), blocking, askTimeout, clock),
                        auth,
                        idempotency)
                    .route(),
                new EventTypeRoutes(
                        new EventTypeService(sharding, accounts, askTimeout, clock),
                        auth,
                        idempotency,
                        settings.publicBaseUrl())
                    .route(),
                new ImportRoutes(externalBusy, auth).route(),
                new ConnectionRoutes(
                        new ConnectionService(
                            EntityAsk.sharded(sharding, ConnectionEntity.TYPE_KEY, askTimeout),
                            EntityAsk.sharded(sharding, ConnectionDirectory.TYPE_KEY, askTimeout),
                            connectionSettings,
                            new UrlChecks(UrlChecks.DNS, blocking, connectionSettings.devMode()),
                            connectionSyncs),
                        auth,
                        idempotency)
                    .route(),
                new ProviderWebhookRoutes(
                        EntityAsk.sharded(sharding, ConnectionEntity.TYPE_KEY, askTimeout))
                    .route()));
    ServerBinding binding =
        api.bind(system, settings.httpHost(), settings.httpPort())
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    log.info("Node {} up: HTTP on {}", cluster.selfMember().address(), binding.localAddress());
    return new Node(system, binding);
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public int httpPort() {
    return binding.localAddress().getPort();
  }

  /** Leaves the cluster and stops, through coordinated shutdown. */
  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Node did not stop within 60 s", e);
    }
  }

  /** Connection syncs on this node: how they ended, and the busy blocks they changed. */
  private static void registerSyncMetrics(PrometheusRegistry registry, SyncMetrics syncs) {
    CounterWithCallback.builder()
        .name("connection_syncs")
        .help("Syncs of connections to other calendars, by outcome (changed, unchanged, failed)")
        .labelNames("outcome")
        .callback(
            cb -> {
              cb.call(syncs.changed(), "changed");
              cb.call(syncs.unchanged(), "unchanged");
              cb.call(syncs.failed(), "failed");
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("connection_sync_failures")
        .help("Syncs of connections that failed (the connection shows error and lastError)")
        .callback(cb -> cb.call(syncs.failed()))
        .register(registry);
    CounterWithCallback.builder()
        .name("connection_busy_blocks")
        .help(
            "Busy blocks from other calendars changed by syncs, by change (added, updated, removed)")
        .labelNames("change")
        .callback(
            cb -> {
              cb.call(syncs.blocksAdded(), "added");
              cb.call(syncs.blocksUpdated(), "updated");
              cb.call(syncs.blocksRemoved(), "removed");
            })
        .register(registry);
  }

  /**
   * Guests' manage links: {@code calendar.booking-pages.link-key} and the public base URL they
   * start with.
   */
  static ManageLinks manageLinks(Config config, String publicBaseUrl) {
    Config c = config.getConfig("calendar.booking-pages");
    byte[] key;
    try {
      key = Base64.getDecoder().decode(c.getString("link-key").trim());
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length < 32) {
      throw new IllegalStateException(
          "calendar.booking-pages.link-key (env MANAGE_LINK_KEY) must be the base64 of at least 32"
              + " random bytes, the same on every node");
    }
    return new ManageLinks(key, publicBaseUrl);
  }
}
