/**
 * Idempotency keys as a reusable piece: {@link dev.calendar.store.idempotency.IdempotentRequests}
 * runs a request once per key and replays its answer; the keys live in Cassandra.
 */
package dev.calendar.store.idempotency;
