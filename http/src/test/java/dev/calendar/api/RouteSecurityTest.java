package dev.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.calendar.api.bookingpage.BookingPageRoutes;
import dev.calendar.api.bookingpage.BookingPageService;
import dev.calendar.api.bookingpage.EventTypeRoutes;
import dev.calendar.api.bookingpage.PublicLimits;
import dev.calendar.api.bookingpage.SlotLists;
import dev.calendar.api.calendar.AvailabilityRoutes;
import dev.calendar.api.connection.ConnectionRoutes;
import dev.calendar.api.connection.ProviderWebhookRoutes;
import dev.calendar.api.external.ImportRoutes;
import dev.calendar.api.feed.CalendarFeedRoutes;
import dev.calendar.api.feed.CalendarFeedService;
import dev.calendar.api.meeting.EventRoutes;
import dev.calendar.api.notification.NotificationRoutes;
import dev.calendar.api.user.LoginThrottle;
import dev.calendar.api.user.LoginThrottleSettings;
import dev.calendar.api.user.UserRoutes;
import dev.calendar.api.webhook.WebhookRoutes;
import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.connection.ConnectionEntity;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.user.FeedTokens;
import dev.calendar.user.UserEntity;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What openapi.yaml says about security is what the routes do: every operation the document secures
 * answers 401 without a token, and the public ones answer without one. The routes run with no
 * services behind them; an operation that asks for a token never reaches them. The booking pages'
 * and the calendar feed's entities never answer, so a public route that gets that far is a 503.
 */
class RouteSecurityTest {
  private static final ManageLinks LINKS = new ManageLinks(new byte[32], "http://localhost:8080");

  /** A well-formed manage token (43 characters) of a booking that does not exist. */
  private static final String MANAGE_TOKEN = LINKS.token(UUID.randomUUID(), "guest@example.com");

  private static ActorSystem<Void> system;
  private static ServerBinding binding;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "route-security",
            ConfigFactory.parseString(
                    "pekko.actor.provider = local\n"
                        + "pekko.loglevel = WARNING\n"
                        + "pekko.http.server.remote-address-attribute = on\n")
                .withFallback(ConfigFactory.load()));
    var config = system.settings().config();
    var auth = new Authentication(null);
    var api =
        new HttpApi(
            new HttpMetrics(new PrometheusRegistry()),
            List.of(
                new HealthRoutes(List.of()).route(),
                new OpenApiRoute().route(),
                new UserRoutes(
                        null,
                        auth,
                        null,
                        new LoginThrottle(LoginThrottleSettings.of(config), Clock.systemUTC()),
                        ClientAddress.of(config))
                    .route(),
                new EventRoutes(null, auth, null).route(),
                new AvailabilityRoutes(null, auth).route(),
                new NotificationRoutes(null, auth).route(),
                new WebhookRoutes(null, auth, null).route(),
                new EventTypeRoutes(null, auth, null, "http://localhost:8080").route(),
                new ImportRoutes(null, auth).route(),
                new ConnectionRoutes(null, auth, null).route(),
                new ProviderWebhookRoutes(
                        new CannedEntity<ConnectionEntity.Command>().answer(c -> true))
                    .route(),
                new BookingPageRoutes(
                        bookingPagesWithoutEntities(),
                        PublicLimits.of(config, ClientAddress.of(config), Clock.systemUTC()))
                    .route(),
                new CalendarFeedRoutes(
                        feedsWithoutEntities(),
                        auth,
                        PublicLimits.of(config, ClientAddress.of(config), Clock.systemUTC()))
                    .route()));
    binding = api.bind(system, "127.0.0.1", 0).toCompletableFuture().get(30, TimeUnit.SECONDS);
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Booking pages over entities that never answer in time. */
  private static BookingPageService bookingPagesWithoutEntities() {
    return new BookingPageService(
        new CannedEntity<CalendarEntity.Command>().answer(c -> new TimeoutException()),
        new CannedEntity<MeetingEntity.Command>().answer(c -> new TimeoutException()),
        id -> CompletableFuture.failedFuture(new TimeoutException()),
        LINKS,
        SlotLists.of(ConfigFactory.load()),
        Clock.systemUTC());
  }

  /** Calendar feeds over entities that never answer in time. */
  private static CalendarFeedService feedsWithoutEntities() {
    return new CalendarFeedService(
        new CannedEntity<UserEntity.Command>().answer(c -> new TimeoutException()),
        new CannedEntity<CalendarEntity.Command>().answer(c -> new TimeoutException()),
        id -> CompletableFuture.failedFuture(new TimeoutException()),
        "http://localhost:8080",
        new SecureRandom(),
        Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.terminate();
    }
  }

  private static int send(String operation) throws Exception {
    String[] parts = operation.split(" ", 2);
    String path =
        parts[1]
            .replace("{id}", UUID.randomUUID().toString())
            .replace("{webhookId}", UUID.randomUUID().toString())
            .replace("{connectionId}", UUID.randomUUID().toString())
            .replace("{userId}", UUID.randomUUID().toString())
            .replace("{slug}", "intro")
            .replace("{manageToken}", MANAGE_TOKEN)
            .replace("{originalStart}", "2031-01-01T09:00:00Z");
    if (path.endsWith("/events") && parts[0].equals("GET")
        || path.endsWith("/availability")
        || path.endsWith("/notifications")
        || path.endsWith("/slots")) {
      path += "?start=2031-01-01T00:00:00Z&end=2031-01-02T00:00:00Z";
    }
    if (path.endsWith("/calendar.ics")) {
      path += "?token=" + FeedTokens.newToken(new SecureRandom());
    }
    var request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(
                parts[0],
                parts[0].equals("GET") || parts[0].equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void everySecuredOperationAnswers401WithoutAToken() throws Exception {
    int checked = 0;
    for (var op : OpenApiDocumentTest.operations(OpenApiDocumentTest.openApi())) {
      if (!OpenApiDocumentTest.PUBLIC.contains(op.name())) {
        assertThat(send(op.name())).as(op.name()).isEqualTo(401);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void thePublicOperationsAskForNoToken() throws Exception {
    for (String op : OpenApiDocumentTest.PUBLIC) {
      if (op.equals("POST /webhook/google")) {
        continue; // without its headers it is an unknown channel's 404; with them, below
      }
      int status = send(op);
      assertThat(status).as(op).isNotEqualTo(401).isNotEqualTo(404).isNotEqualTo(405);
    }
    for (String op :
        List.of("GET /health/alive", "GET /health/ready", "GET /metrics", "GET /openapi.yaml")) {
      assertThat(send(op)).as(op).isEqualTo(200);
    }
    // The booking pages get past their routes: a body of {} lacks start, and the rest reach the
    // entities, which do not answer here.
    for (String op :
        List.of("POST /book/{userId}/{slug}", "POST /book/manage/{manageToken}/reschedule")) {
      assertThat(send(op)).as(op).isEqualTo(400);
    }
    for (String op :
        List.of(
            "GET /book/{userId}/{slug}",
            "GET /book/{userId}/{slug}/slots",
            "GET /book/manage/{manageToken}",
            "DELETE /book/manage/{manageToken}",
            "GET /users/{id}/calendar.ics")) {
      assertThat(send(op)).as(op).isEqualTo(503);
    }
    // Providers' notifications: Graph's list of {} lacks its value; a Google channel the
    // connection knows is taken.
    assertThat(send("POST /webhook/outlook")).isEqualTo(400);
    var google =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + binding.localAddress().getPort() + "/webhook/google"))
            .header("X-Goog-Channel-ID", UUID.randomUUID() + "_1")
            .header("X-Goog-Channel-Token", "t")
            .header("X-Goog-Resource-State", "exists")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    assertThat(client.send(google, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(200);
  }
}
