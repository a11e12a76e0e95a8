package dev.calendar.devservers.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.Ids;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.Notifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Push channels ({@code events.watch}, {@code channels.stop}) and their notifications: {@code sync}
 * right after a watch, then {@code exists} on every change of the account's events, numbered per
 * channel, one attempt each.
 */
final class GoogleChannels {
  static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

  private static final class Channel {
    final String id;
    final String resourceId;
    final String resourceUri;
    final String token;
    final String address;
    final Instant expiration;
    final String account;
    boolean stopped;
    long messages;

    Channel(
        String id,
        String resourceId,
        String resourceUri,
        String token,
        String address,
        Instant expiration,
        String account) {
      this.id = id;
      this.resourceId = resourceId;
      this.resourceUri = resourceUri;
      this.token = token;
      this.address = address;
      this.expiration = expiration;
      this.account = account;
    }

    boolean live(Instant now) {
      return !stopped && now.isBefore(expiration);
    }
  }

  private final Notifier notifier;
  private final List<Channel> channels = new ArrayList<>();

  /** Stable per account and calendar, as Google's resource ids are. */
  private final Map<String, String> resourceIds = new HashMap<>();

  private Duration maxTtl = Duration.ofDays(7);

  GoogleChannels(Notifier notifier) {
    this.notifier = notifier;
  }

  synchronized void setMaxChannelTtl(Duration ttl) {
    this.maxTtl = ttl;
  }

  /** {@code POST .../events/watch}; the {@code sync} message is under way before this returns. */
  ObjectNode watch(String account, String resourceUri, ObjectNode body) {
    String id = Json.text(body, "id");
    String address = Json.text(body, "address");
    String type = Json.text(body, "type");
    if (id == null || id.isBlank()) {
      throw GoogleErrors.fail(400, "required", "Required: id");
    }
    if (address == null || address.isBlank()) {
      throw GoogleErrors.fail(400, "required", "Required: address");
    }
    if (type == null || !(type.equals("web_hook") || type.equals("webhook"))) {
      throw GoogleErrors.fail(400, "invalid", "Invalid value for: type");
    }
    URI to;
    try {
      to = URI.create(address);
    } catch (IllegalArgumentException e) {
      throw GoogleErrors.fail(400, "invalid", "Invalid value for: address");
    }
    Channel channel;
    Instant now = Instant.now();
    synchronized (this) {
      for (Channel c : channels) {
        if (c.id.equals(id) && c.live(now)) {
          throw GoogleErrors.fail(400, "channelIdNotUnique", "Channel id " + id + " not unique");
        }
      }
      Instant limit = now.plus(maxTtl);
      Instant asked = expiration(body.get("expiration"));
      Instant expiration = asked == null || asked.isAfter(limit) ? limit : asked;
      String resourceId = resourceIds.computeIfAbsent(account, a -> Ids.base64url(20));
      channel =
          new Channel(
              id,
              resourceId,
              resourceUri,
              Json.text(body, "token"),
              to.toString(),
              expiration,
              account);
      channels.add(channel);
    }
    send(channel, "sync");
    ObjectNode out =
        Json.object()
            .put("kind", "api#channel")
            .put("id", channel.id)
            .put("resourceId", channel.resourceId)
            .put("resourceUri", channel.resourceUri);
    if (channel.token != null) {
      out.put("token", channel.token);
    }
    return out.put("expiration", Long.toString(channel.expiration.toEpochMilli()));
  }

  /** {@code POST /channels/stop}. */
  void stop(ObjectNode body) {
    String id = Json.text(body, "id");
    String resourceId = Json.text(body, "resourceId");
    synchronized (this) {
      for (Channel c : channels) {
        if (c.id.equals(id)
            && !c.stopped
            && (resourceId == null || c.resourceId.equals(resourceId))) {
          c.stopped = true;
          return;
        }
      }
    }
    throw GoogleErrors.fail(404, "notFound", "Channel '" + id + "' not found for project");
  }

  /** {@code exists} to every live channel of the account. */
  void changed(String account) {
    Instant now = Instant.now();
    List<Channel> live = new ArrayList<>();
    synchronized (this) {
      for (Channel c : channels) {
        if (c.account.equals(account) && c.live(now)) {
          live.add(c);
        }
      }
    }
    live.forEach(c -> send(c, "exists"));
  }

  private void send(Channel c, String state) {
    long number;
    synchronized (this) {
      number = ++c.messages;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Goog-Channel-ID", c.id);
    if (c.token != null) {
      headers.put("X-Goog-Channel-Token", c.token);
    }
    headers.put(
        "X-Goog-Channel-Expiration",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(c.expiration.atOffset(ZoneOffset.UTC)));
    headers.put("X-Goog-Resource-ID", c.resourceId);
    headers.put("X-Goog-Resource-URI", c.resourceUri);
    headers.put("X-Goog-Resource-State", state);
    headers.put("X-Goog-Message-Number", Long.toString(number));
    ObjectNode entry =
        Json.object().put("channelId", c.id).put("state", state).put("messageNumber", number);
    notifier.post(URI.create(c.address), headers, null, DELIVERY_TIMEOUT, DELIVERY_TIMEOUT, entry);
  }

  /** {@code GET /dev/channels}: every channel ever made. */
  synchronized ObjectNode toJson() {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    for (Channel c : channels) {
      items
          .addObject()
          .put("id", c.id)
          .put("resourceId", c.resourceId)
          .put("token", c.token)
          .put("address", c.address)
          .put("expiration", Long.toString(c.expiration.toEpochMilli()))
          .put("stopped", c.stopped);
    }
    return out;
  }

  synchronized void clear() {
    channels.clear();
    resourceIds.clear();
  }

  /** Milliseconds since the epoch, as a number or a string; null when absent. */
  private static Instant expiration(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(node.isNumber() ? node.asLong() : Long.parseLong(node.asText()));
    } catch (NumberFormatException e) {
      throw GoogleErrors.fail(400, "invalid", "Invalid value for: expiration");
    }
  }
}
