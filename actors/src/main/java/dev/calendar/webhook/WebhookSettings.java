package dev.calendar.webhook;

import com.typesafe.config.Config;

/** {@code calendar.webhooks} and {@code calendar.dev-mode}, read once. */
public record WebhookSettings(int maxPerUser, int maxUrlLength, boolean devMode) {
  public static WebhookSettings of(Config config) {
    return new WebhookSettings(
        config.getInt("calendar.webhooks.max-per-user"),
        config.getInt("calendar.webhooks.max-url-length"),
        config.getBoolean("calendar.dev-mode"));
  }
}
