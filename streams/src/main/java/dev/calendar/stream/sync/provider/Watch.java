package dev.calendar.stream.sync.provider;

import java.time.Instant;

/**
 * An open watch: its id (Google's channel id, Microsoft's subscription id), Google's resourceId
 * (null for Microsoft), its token or clientState, and when the provider will end it.
 */
public record Watch(String id, String resourceId, String token, Instant expiration) {}
