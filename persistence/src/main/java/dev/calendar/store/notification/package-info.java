/**
 * Notification deliveries in Cassandra: the delivery log that stops a redelivered message from
 * being sent twice, and the per-user history behind {@code GET /users/{id}/notifications}.
 */
package dev.calendar.store.notification;
