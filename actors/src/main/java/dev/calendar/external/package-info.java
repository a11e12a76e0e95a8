/**
 * Calendars outside the service: their busy time as the user's calendar keeps it, and reading and
 * writing RFC 5545 (ICS) for imports, subscriptions and the user's own feed.
 */
package dev.calendar.external;
