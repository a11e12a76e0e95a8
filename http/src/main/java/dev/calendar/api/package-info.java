/**
 * HTTP plumbing shared by every feature's routes: JSON, field validation, problem+json errors,
 * authentication, idempotency keys, metrics, health and the OpenAPI document.
 */
package dev.calendar.api;
