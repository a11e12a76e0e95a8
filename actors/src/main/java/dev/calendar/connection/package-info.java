/**
 * Connections to other calendars: one {@link dev.calendar.connection.ConnectionEntity} per
 * connection (its sync state machine, its cursor, its polling timer), the per-user {@link
 * dev.calendar.connection.ConnectionDirectory} that lists them, and {@link
 * dev.calendar.connection.ConnectionSync}, the one small interface behind which each provider's
 * protocol lives (the ICS feed fetcher is in the streams module). What a sync finds lands in the
 * user's calendar as external busy time ({@code dev.calendar.external}).
 */
package dev.calendar.connection;
