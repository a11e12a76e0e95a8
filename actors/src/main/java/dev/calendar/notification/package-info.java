/**
 * The {@code notifications} Kafka message ({@link dev.calendar.notification.Notification}) and who
 * it goes to ({@link dev.calendar.notification.Recipient}); sending it is the notifier's.
 */
package dev.calendar.notification;
