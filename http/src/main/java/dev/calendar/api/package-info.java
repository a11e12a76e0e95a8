/**
 * HTTP plumbing shared by every feature's routes: JSON, field validation, problem+json errors,
 * authentication, idempotency keys, metrics, health and the OpenAPI document.
 *
 * <p>Every feature goes one way: its routes validate and map statuses, its service (the only one
 * that reaches entities or stores, entities through {@link dev.calendar.api.EntityAsk}) turns
 * replies into values or {@link dev.calendar.api.Problem}s.
 */
package dev.calendar.api;
