package dev.calendar.store.session;

import java.time.Instant;
import java.util.UUID;

/** A session as the store keeps it; whether it is still valid is decided by {@link Sessions}. */
public record StoredSession(UUID userId, Instant expiresAt) {}
