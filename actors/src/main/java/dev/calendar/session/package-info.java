/**
 * Ending sessions on every node at once. Each node keeps recently checked sessions in memory (a
 * {@link dev.calendar.session.LocalSessionCache}); a log-out or a password change tells every
 * node's {@link dev.calendar.session.SessionEvictor}, found through the Receptionist, and waits for
 * their acks before it answers ({@link dev.calendar.session.ClusterSessionRevocations}).
 */
package dev.calendar.session;
