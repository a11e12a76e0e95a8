package dev.calendar.stream.notifier;

import dev.calendar.wire.Json;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * SMS through the provider's HTTP API: {@code POST {base-url}/sms} with {@code {to, text,
 * idempotencyKey}}; the key lets the provider drop a repeated request.
 */
public final class SmsChannel {
  private final ProviderClient client;
  private final URI endpoint;

  public SmsChannel(ProviderClient client, URI baseUrl) {
    this.client = client;
    this.endpoint = Endpoints.resolve(baseUrl, "sms");
  }

  public CompletionStage<Void> send(String to, String text, String idempotencyKey) {
    String body = Json.write(Map.of("to", to, "text", text, "idempotencyKey", idempotencyKey));
    return client.post(endpoint, body, Map.of("Idempotency-Key", idempotencyKey));
  }
}
