package dev.calendar.bench;

import java.util.UUID;

/** A user a load program signed up, with the session its 201 answer carried. */
record Account(UUID id, String email, String token) {}
