/**
 * Login sessions: random bearer tokens, stored hashed with an expiry in Cassandra, and listed by
 * user so that a password change can end the others; each node caches the sessions it has read
 * ({@link dev.calendar.store.session.CachingSessionStore}).
 */
package dev.calendar.store.session;
