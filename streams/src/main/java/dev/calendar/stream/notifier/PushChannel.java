package dev.calendar.stream.notifier;

import dev.calendar.wire.Json;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Push through the provider's HTTP API: {@code POST {base-url}/push} with {@code {tokens, title,
 * body, idempotencyKey}}, one request for all of the user's devices.
 */
public final class PushChannel {
  private final ProviderClient client;
  private final URI endpoint;

  public PushChannel(ProviderClient client, URI baseUrl) {
    this.client = client;
    this.endpoint = Endpoints.resolve(baseUrl, "push");
  }

  public CompletionStage<Void> send(
      List<String> tokens, String title, String text, String idempotencyKey) {
    String body =
        Json.write(
            Map.of(
                "tokens", tokens, "title", title, "body", text, "idempotencyKey", idempotencyKey));
    return client.post(endpoint, body, Map.of("Idempotency-Key", idempotencyKey));
  }
}
