/** Cassandra keyspaces and tables: the journal's, the snapshots', and the service's own. */
package dev.calendar.store.schema;
