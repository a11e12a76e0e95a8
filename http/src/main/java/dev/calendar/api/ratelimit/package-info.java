/**
 * Rate limiting with token buckets, in memory per node: {@link
 * dev.calendar.api.ratelimit.TokenBucket} (pure arithmetic over a given time) and {@link
 * dev.calendar.api.ratelimit.RateLimiter} (one bucket per key, bounded in memory). In a cluster
 * each node counts on its own, so the limit a client meets is per node it reaches.
 */
package dev.calendar.api.ratelimit;
