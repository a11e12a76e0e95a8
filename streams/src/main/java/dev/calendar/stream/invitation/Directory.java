package dev.calendar.stream.invitation;

import dev.calendar.user.UserProfile;
import dev.calendar.webhook.WebhookRegistry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** What the handler needs to know about users: their profile and their webhooks. */
interface Directory {

  /** Empty when there is no such user. */
  CompletionStage<Optional<UserProfile>> profile(UUID userId);

  CompletionStage<List<WebhookRegistry.Subscription>> webhooks(UUID userId);
}
