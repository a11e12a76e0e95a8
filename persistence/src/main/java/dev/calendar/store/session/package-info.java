/**
 * Login sessions: random bearer tokens, stored hashed with an expiry in Cassandra, and listed by
 * user so that a password change can end the others.
 */
package dev.calendar.store.session;
