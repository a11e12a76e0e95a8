/**
 * Email notifications: {@link dev.calendar.notification.Invitations} turns a meeting into an iTIP
 * calendar (pure), {@link dev.calendar.notification.Mailer} sends it over SMTP off the actor
 * threads, configured by {@code calendar.mail} ({@link dev.calendar.notification.MailSettings}).
 * {@link dev.calendar.notification.InvitationPlan} decides from what each recipient was last told
 * ({@link dev.calendar.notification.Told}) who gets an invitation, update or cancellation, and
 * {@link dev.calendar.notification.InvitationMails} words each one.
 */
package dev.calendar.notification;
