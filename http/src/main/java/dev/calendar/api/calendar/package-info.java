/**
 * Routes for availability and working-hours rules; {@link
 * dev.calendar.api.calendar.AvailabilityService} asks the calendar entities and reads profiles.
 */
package dev.calendar.api.calendar;
