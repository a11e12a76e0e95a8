/**
 * A local Google Calendar v3 provider ({@link
 * dev.calendar.devservers.google.GoogleCalendarServer}): OAuth, events with series expanded to
 * instances, paged full and incremental listings with sync tokens, push channels, and a {@code
 * /dev/...} admin API for people and tests.
 */
package dev.calendar.devservers.google;
