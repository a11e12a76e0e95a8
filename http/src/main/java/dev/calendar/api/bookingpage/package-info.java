/**
 * Routes for {@code /users/{id}/event-types}: the owner's booking pages (event types), kept by the
 * owner's calendar entity, which {@link dev.calendar.api.bookingpage.EventTypeService} asks.
 */
package dev.calendar.api.bookingpage;
