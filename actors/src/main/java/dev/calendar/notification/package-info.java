/**
 * The {@code notifications} Kafka message ({@link dev.calendar.notification.Notification}), who it
 * goes to, its channels and the reminder rules that ask for one; sending it is the notifier's.
 */
package dev.calendar.notification;
