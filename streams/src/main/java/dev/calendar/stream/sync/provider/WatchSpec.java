package dev.calendar.stream.sync.provider;

import java.net.URI;
import java.time.Instant;

/**
 * A watch to open: {@code id} is ours (a Google channel id; unused by Microsoft, which names its
 * subscriptions), {@code token} comes back with every notification (Google's channel token,
 * Microsoft's clientState), {@code lifecycleAddress} is Microsoft's lifecycleNotificationUrl.
 */
public record WatchSpec(
    String id, URI address, URI lifecycleAddress, String token, Instant expiration) {}
