/**
 * Serialization binding shared by all entities: see {@link
 * dev.calendar.serialization.CborSerializable}.
 */
package dev.calendar.serialization;
