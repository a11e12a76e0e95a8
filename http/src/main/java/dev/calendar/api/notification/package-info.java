/**
 * The route for {@code GET /users/{id}/notifications}: a user's delivery history, read through
 * {@link dev.calendar.api.notification.NotificationService}.
 */
package dev.calendar.api.notification;
