/** Login sessions: random bearer tokens, stored hashed with an expiry in Cassandra. */
package dev.calendar.session;
