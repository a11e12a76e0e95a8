package dev.calendar.http;

import java.util.UUID;

/** The authenticated user behind a request, and the bearer token they used. */
public record Caller(UUID userId, String token) {}
