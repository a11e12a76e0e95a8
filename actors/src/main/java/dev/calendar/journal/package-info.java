/** Health of the event journal as the entities see it: failed recoveries, counted and logged. */
package dev.calendar.journal;
