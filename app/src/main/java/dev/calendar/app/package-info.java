/**
 * Wiring only: {@link dev.calendar.app.Node} starts a cluster node with its entities, routes and
 * streams from typed settings; {@link dev.calendar.app.Main} runs it as dev, node, cluster or
 * schema.
 */
package dev.calendar.app;
