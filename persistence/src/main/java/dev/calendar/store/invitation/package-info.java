/**
 * What each recipient of a meeting's invitation, update and cancellation emails was last told
 * (table {@code meeting_recipients}), read and written by the meeting notifications projection.
 */
package dev.calendar.store.invitation;
