/**
 * Booking pages: a host's {@link dev.calendar.bookingpage.EventType} and the one set of rules,
 * {@link dev.calendar.bookingpage.BookingRules}, that both lists its slots and decides a booking in
 * the hosts' calendars, so a listed slot books and an unlisted start is refused for the same
 * reason.
 */
package dev.calendar.bookingpage;
