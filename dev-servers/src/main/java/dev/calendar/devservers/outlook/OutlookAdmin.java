package dev.calendar.devservers.outlook;

import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.CommonAdminRoutes;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.Routes;

/**
 * Outlook's own {@code /dev/...} routes: events by "another client", delta replay, subscriptions.
 */
final class OutlookAdmin {
  private OutlookAdmin() {}

  static void addRoutes(
      Routes routes, GraphEvents events, GraphDelta delta, GraphSubscriptions subscriptions) {
    GraphErrors errors = GraphErrors.INSTANCE;
    CommonAdminRoutes.addEvents(
        routes,
        errors,
        events,
        (account, body) -> events.create(account, body).event(),
        (e, json) -> {
          if (e.removed()) {
            json.put("isDeleted", true);
          }
        });
    routes.add(
        "POST",
        "/dev/accounts/{account}/replay-delta",
        c -> {
          delta.replayNextRound(c.var("account"));
          return Answer.empty(204);
        });
    routes.add("GET", "/dev/subscriptions", c -> Answer.json(200, subscriptions.toJson()));
    routes.add(
        "POST",
        "/dev/subscriptions/{id}/lifecycle",
        c -> {
          subscriptions.lifecycle(c.var("id"), Json.text(c.json(errors), "event"));
          return Answer.empty(204);
        });
  }
}
