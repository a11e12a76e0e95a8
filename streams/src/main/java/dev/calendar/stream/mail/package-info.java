/**
 * Mail sending for the notifier: {@link dev.calendar.stream.mail.Mailer} over pooled SMTP
 * connections, configured by {@code calendar.mail}.
 */
package dev.calendar.stream.mail;
