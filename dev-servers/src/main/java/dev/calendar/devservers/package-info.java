/**
 * Real Apache Cassandra and Apache Kafka servers as child JVM processes, started from their Maven
 * artifacts, for {@code bin/calendar dev} and integration tests.
 *
 * <p>Each server runs on its own classpath (resolved by {@link
 * dev.calendar.devservers.ServerClasspath}) so its logging, netty, jackson and kafka-clients never
 * meet the application's. Children are started through {@link
 * dev.calendar.devservers.ParentWatchdog} so they exit when this JVM dies, even by {@code kill -9}.
 * Besides these, {@link dev.calendar.devservers.MailServer} runs GreenMail (SMTP and IMAP) in this
 * JVM: it is small and shares the application's jakarta.mail; {@link
 * dev.calendar.devservers.ProviderSink} stands in for the SMS and push providers (JDK HTTP server),
 * and {@link dev.calendar.devservers.google.GoogleCalendarServer} and {@link
 * dev.calendar.devservers.outlook.OutlookServer} for Google Calendar and Microsoft Graph (JDK HTTP
 * server, Jackson, lib-recur). Otherwise only JDK and slf4j-api are used here.
 */
package dev.calendar.devservers;
