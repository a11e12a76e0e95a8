/**
 * Invitations as iTIP email (pure): {@link dev.calendar.invitation.InvitationPlan} decides from
 * what each recipient was last told who gets an invitation, update or cancellation; {@link
 * dev.calendar.invitation.Invitations} writes the calendar and {@link
 * dev.calendar.invitation.InvitationMails} words the mail.
 */
package dev.calendar.invitation;
