package dev.calendar.store.idempotency;

/** The answer given to the first request with a key, replayed to every retry of it. */
public record StoredResponse(int status, String contentType, String body, String location) {}
