/**
 * Email notifications: {@link dev.calendar.notification.Invitations} turns a meeting into an iTIP
 * calendar (pure), {@link dev.calendar.notification.Mailer} sends it over SMTP off the actor
 * threads, configured by {@code calendar.mail} ({@link dev.calendar.notification.MailSettings}).
 */
package dev.calendar.notification;
