/**
 * {@code /users/{id}/connections}: a user's connections to other calendars, over the sharded {@code
 * ConnectionEntity} (one per connection) and {@code ConnectionDirectory} (one per user).
 */
package dev.calendar.api.connection;
