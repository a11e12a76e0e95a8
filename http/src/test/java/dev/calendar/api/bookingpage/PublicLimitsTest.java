package dev.calendar.api.bookingpage;

import static dev.calendar.api.bookingpage.BookingPageRoutesTest.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.api.ClientAddress;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.api.ratelimit.TokenBucket;
import dev.calendar.bookingpage.HostView;
import dev.calendar.calendar.CalendarEntity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public routes' token buckets, per client address, behind a trusted proxy. */
class PublicLimitsTest {
  private static RouteHarness limited;

  @BeforeAll
  static void serve() {
    BookingPageRoutesTest.calendars.reply(
        new CalendarEntity.BookingPage(
            BookingPageRoutesTest.TYPE,
            new HostView(OWNER, BookingPageRoutesTest.nineToFive("UTC"), List.of(), List.of()),
            1));
    // The harness connects from 127.0.0.1, a trusted proxy here: X-Forwarded-For names the client.
    limited =
        new RouteHarness()
            .serve(
                new BookingPageRoutes(
                        BookingPageRoutesTest.service(),
                        new PublicLimits(
                            new ClientAddress(List.of("127.0.0.1")),
                            new TokenBucket.Limit(3, Duration.ofMinutes(1)),
                            new TokenBucket.Limit(2, Duration.ofMinutes(1)),
                            100,
                            Clock.systemUTC()))
                    .route());
  }

  @AfterAll
  static void stop() {
    limited.close();
  }

  @Test
  void aBurstOverTheLimitFromOneAddressIsTooManyAndAnotherAddressIsUnaffected() {
    String path = "/book/" + OWNER + "/intro";
    for (int i = 0; i < 3; i++) {
      assertThat(limited.anonymous("GET", path, null, "X-Forwarded-For", "203.0.113.5").status())
          .isEqualTo(200);
    }
    Answer refused = limited.anonymous("GET", path, null, "X-Forwarded-For", "203.0.113.5");

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isPositive();
    assertThat(limited.anonymous("GET", path, null, "X-Forwarded-For", "198.51.100.7").status())
        .isEqualTo(200);
  }

  @Test
  void bookingsAndManageCallsHaveTheirOwnStricterBucket() {
    String from = "192.0.2.44";
    for (int i = 0; i < 2; i++) {
      assertThat(
              limited
                  .anonymous("DELETE", "/book/manage/not-a-token", null, "X-Forwarded-For", from)
                  .status())
          .isEqualTo(404);
    }
    assertThat(
            limited
                .anonymous("DELETE", "/book/manage/not-a-token", null, "X-Forwarded-For", from)
                .status())
        .isEqualTo(429);
    // reading is still allowed from that address
    assertThat(
            limited
                .anonymous("GET", "/book/" + OWNER + "/intro", null, "X-Forwarded-For", from)
                .status())
        .isEqualTo(200);
  }
}
