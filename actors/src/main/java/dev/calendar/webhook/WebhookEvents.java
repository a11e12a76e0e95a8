package dev.calendar.webhook;

import java.util.List;

/** The event types a webhook can subscribe to (docs/api.md, "Webhooks"). */
public final class WebhookEvents {
  public static final String EVENT_CREATED = "event.created";
  public static final String EVENT_UPDATED = "event.updated";
  public static final String EVENT_CANCELLED = "event.cancelled";
  public static final String REMINDER_DUE = "reminder.due";

  public static final List<String> ALL =
      List.of(EVENT_CREATED, EVENT_UPDATED, EVENT_CANCELLED, REMINDER_DUE);

  private WebhookEvents() {}

  public static boolean isKnown(String type) {
    return ALL.contains(type);
  }
}
