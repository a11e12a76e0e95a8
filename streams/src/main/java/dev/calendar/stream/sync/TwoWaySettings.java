package dev.calendar.stream.sync;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;

/**
 * How two-way connections are synced ({@code calendar.two-way}).
 *
 * @param publicBaseUrl the service as providers reach it; notifications go to {@code
 *     /webhook/google} and {@code /webhook/outlook} under it
 * @param windowBehind how far back a full listing reads
 * @param windowAhead how far ahead a full listing reads (the window stays fixed until the next)
 * @param windowRenewal a full listing is made again once its window is this old, so it slides
 * @param channelTtl how long a Google channel is asked to live
 * @param subscriptionTtl how long a Microsoft subscription is asked to live (at most 10,080
 *     minutes)
 * @param backstop how often a connection is read even without a notification
 * @param maxPatch the most changed blocks sent to a calendar in one message
 */
public record TwoWaySettings(
    URI publicBaseUrl,
    Duration windowBehind,
    Duration windowAhead,
    Duration windowRenewal,
    Duration channelTtl,
    Duration subscriptionTtl,
    Duration backstop,
    int maxPatch) {

  /** {@code calendar.two-way}, with notifications sent to {@code publicBaseUrl}. */
  public static TwoWaySettings of(Config config, String publicBaseUrl) {
    Config c = config.getConfig("calendar.two-way");
    return new TwoWaySettings(
        URI.create(stripSlash(publicBaseUrl)),
        c.getDuration("window-behind"),
        c.getDuration("window-ahead"),
        c.getDuration("window-renewal"),
        c.getDuration("channel-ttl"),
        c.getDuration("subscription-ttl"),
        c.getDuration("backstop-interval"),
        c.getInt("max-patch"));
  }

  URI webhook(String provider) {
    return URI.create(publicBaseUrl + "/webhook/" + provider);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
