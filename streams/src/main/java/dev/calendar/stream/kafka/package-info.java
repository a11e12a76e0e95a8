/** Kafka clients as the service configures them. */
package dev.calendar.stream.kafka;
