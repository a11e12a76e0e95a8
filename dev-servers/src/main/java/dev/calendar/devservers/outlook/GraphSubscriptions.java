package dev.calendar.devservers.outlook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.Notifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Graph change subscriptions: created only after the notification (and lifecycle) URL passed the
 * validation handshake, then sent a change notification for each event write of the account, and
 * lifecycle notifications on the admin's word.
 */
final class GraphSubscriptions {
  static final Duration MAX_LIFETIME = Duration.ofMinutes(10_080);
  static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);
  static final Duration NOTIFICATION_DEADLINE = Duration.ofSeconds(3);
  static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(10);

  private static final class Subscription {
    final String id;
    final String account;
    final ObjectNode json;
    boolean removed;

    Subscription(String id, String account, ObjectNode json) {
      this.id = id;
      this.account = account;
      this.json = json;
    }

    Instant expiration() {
      return GraphTimes.parseTimestamp(Json.text(json, "expirationDateTime"));
    }

    boolean live(Instant now) {
      return !removed && now.isBefore(expiration());
    }

    boolean wants(String changeType) {
      String asked = Json.text(json, "changeType");
      return asked == null || List.of(asked.split(",")).contains(changeType);
    }
  }

  private final Notifier notifier;
  private final String applicationId;
  private final Supplier<String> baseUrl;
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

  GraphSubscriptions(Notifier notifier, String applicationId, Supplier<String> baseUrl) {
    this.notifier = notifier;
    this.applicationId = applicationId;
    this.baseUrl = baseUrl;
  }

  /** {@code POST /subscriptions}: validated first, then 201 with the subscription. */
  ObjectNode create(String email, ObjectNode body) {
    for (String required :
        List.of("changeType", "notificationUrl", "resource", "expirationDateTime")) {
      if (!body.hasNonNull(required)) {
        throw GraphErrors.fail(
            400, "InvalidRequest", "Required property '" + required + "' is missing.");
      }
    }
    Instant expiration = expiration(body);
    String notificationUrl = Json.text(body, "notificationUrl");
    String lifecycleUrl = Json.text(body, "lifecycleNotificationUrl");
    validate(notificationUrl);
    if (lifecycleUrl != null) {
      validate(lifecycleUrl);
    }
    String id = UUID.randomUUID().toString();
    ObjectNode json =
        Json.object()
            .put("@odata.context", baseUrl.get() + "/v1.0/$metadata#subscriptions/$entity")
            .put("id", id)
            .put("resource", Json.text(body, "resource"))
            .put("applicationId", applicationId)
            .put("changeType", Json.text(body, "changeType"))
            .put("clientState", Json.text(body, "clientState"))
            .put("notificationUrl", notificationUrl)
            .put("lifecycleNotificationUrl", lifecycleUrl)
            .put("expirationDateTime", GraphTimes.timestamp(expiration))
            .put("creatorId", OutlookServer.userId(email));
    synchronized (this) {
      subscriptions.put(id, new Subscription(id, email, json));
    }
    return json.deepCopy();
  }

  synchronized ObjectNode renew(String email, String id, ObjectNode body) {
    Subscription s = find(email, id);
    if (body.hasNonNull("expirationDateTime")) {
      s.json.put("expirationDateTime", GraphTimes.timestamp(expiration(body)));
    }
    return s.json.deepCopy();
  }

  synchronized void delete(String email, String id) {
    find(email, id).removed = true;
  }

  synchronized ObjectNode list(String email) {
    ObjectNode out =
        Json.object().put("@odata.context", baseUrl.get() + "/v1.0/$metadata#subscriptions");
    ArrayNode value = out.putArray("value");
    for (Subscription s : subscriptions.values()) {
      if (s.account.equals(email) && !s.removed) {
        value.add(s.json.deepCopy());
      }
    }
    return out;
  }

  private Subscription find(String email, String id) {
    Subscription s = subscriptions.get(id);
    if (s == null || s.removed || (email != null && !s.account.equals(email))) {
      throw GraphErrors.fail(404, "ResourceNotFound", "The object was not found.");
    }
    return s;
  }

  /** A change notification to every live subscription of the account that asked for the type. */
  void changed(String email, String changeType, ObjectNode event) {
    Instant now = Instant.now();
    List<Subscription> live = new ArrayList<>();
    synchronized (this) {
      for (Subscription s : subscriptions.values()) {
        if (s.account.equals(email) && s.live(now) && s.wants(changeType)) {
          live.add(s);
        }
      }
    }
    String userId = OutlookServer.userId(email);
    String id = Json.text(event, "id");
    String resource = "Users/" + userId + "/Events/" + id;
    for (Subscription s : live) {
      ObjectNode payload = Json.object();
      ObjectNode n = payload.putArray("value").addObject();
      n.put("subscriptionId", s.id)
          .put("subscriptionExpirationDateTime", Json.text(s.json, "expirationDateTime"))
          .put("changeType", changeType)
          .put("resource", resource);
      n.putObject("resourceData")
          .put("@odata.type", "#Microsoft.Graph.Event")
          .put("@odata.id", resource)
          .put("@odata.etag", Json.text(event, "@odata.etag"))
          .put("id", id);
      n.put("clientState", Json.text(s.json, "clientState"))
          .put("tenantId", OutlookServer.TENANT_ID);
      ObjectNode entry = Json.object().put("subscriptionId", s.id).put("changeType", changeType);
      notifier.post(
          URI.create(Json.text(s.json, "notificationUrl")),
          Map.of(),
          Json.write(payload),
          NOTIFICATION_TIMEOUT,
          NOTIFICATION_DEADLINE,
          entry);
    }
  }

  /** Admin: a lifecycle notification; {@code subscriptionRemoved} also ends the subscription. */
  void lifecycle(String id, String event) {
    if (!List.of("subscriptionRemoved", "reauthorizationRequired", "missed").contains(event)) {
      throw GraphErrors.fail(400, "InvalidRequest", "Unknown lifecycle event " + event);
    }
    Subscription s;
    synchronized (this) {
      s = find(null, id);
      if (event.equals("subscriptionRemoved")) {
        s.removed = true;
      }
    }
    String url = Json.text(s.json, "lifecycleNotificationUrl");
    if (url == null) {
      return;
    }
    ObjectNode payload = Json.object();
    payload
        .putArray("value")
        .addObject()
        .put("subscriptionId", s.id)
        .put("subscriptionExpirationDateTime", Json.text(s.json, "expirationDateTime"))
        .put("tenantId", OutlookServer.TENANT_ID)
        .put("clientState", Json.text(s.json, "clientState"))
        .put("lifecycleEvent", event);
    ObjectNode entry = Json.object().put("subscriptionId", s.id).put("lifecycleEvent", event);
    notifier.post(
        URI.create(url),
        Map.of(),
        Json.write(payload),
        NOTIFICATION_TIMEOUT,
        NOTIFICATION_DEADLINE,
        entry);
  }

  /** {@code GET /dev/subscriptions}: all ever made, with {@code removed}. */
  synchronized ObjectNode toJson() {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    for (Subscription s : subscriptions.values()) {
      items.add(s.json.deepCopy().put("removed", s.removed));
    }
    return out;
  }

  synchronized void clear() {
    subscriptions.clear();
  }

  private static Instant expiration(ObjectNode body) {
    Instant at;
    try {
      at = GraphTimes.parseTimestamp(Json.text(body, "expirationDateTime"));
    } catch (DateTimeException | NullPointerException e) {
      throw GraphErrors.fail(400, "InvalidRequest", "Invalid expirationDateTime.");
    }
    Instant now = Instant.now();
    if (at.isBefore(now)) {
      throw GraphErrors.fail(
          400, "InvalidRequest", "Subscription expiration date must be in the future.");
    }
    if (at.isAfter(now.plus(MAX_LIFETIME))) {
      throw GraphErrors.fail(
          400,
          "ExtensionError",
          "Subscription expiration can only be 10080 minutes in the future.");
    }
    return at;
  }

  /**
   * The handshake: {@code POST url?validationToken=...}, answered within 10 s with 200, {@code
   * text/plain} and the token as the whole body.
   */
  private void validate(String url) {
    String token =
        "Validation: Testing client application reachability for subscription Request-Id: "
            + UUID.randomUUID();
    String why;
    try {
      URI uri =
          URI.create(
              url
                  + (url.contains("?") ? "&" : "?")
                  + "validationToken="
                  + URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20"));
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(VALIDATION_TIMEOUT)
              .header("Content-Type", "text/plain; charset=utf-8")
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      HttpResponse<String> response =
          notifier.client().send(request, HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (response.statusCode() != 200) {
        why = "Notification endpoint must respond with 200 OK to validation request.";
      } else if (!type.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
        why = "Validation response must have Content-Type text/plain.";
      } else if (!response.body().equals(token)) {
        why = "Validation response must exactly match the validationToken query parameter.";
      } else {
        return;
      }
    } catch (IOException | IllegalArgumentException e) {
      why = "Validation request to " + url + " failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = "Validation request interrupted.";
    }
    throw GraphErrors.fail(
        400, "ValidationError", "Subscription validation request failed. " + why);
  }
}
