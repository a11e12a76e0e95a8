package dev.calendar.devservers.outlook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.AccountEvents;
import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.Routes;
import dev.calendar.devservers.fakeapi.StoredEvent;

/**
 * Outlook's own {@code /dev/...} routes: events by "another client", delta replay, subscriptions.
 */
final class OutlookAdmin {
  private OutlookAdmin() {}

  static void addRoutes(
      Routes routes, GraphEvents events, GraphDelta delta, GraphSubscriptions subscriptions) {
    GraphErrors errors = GraphErrors.INSTANCE;
    String path = "/dev/accounts/{account}/events";
    routes.add(
        "POST",
        path,
        c -> Answer.json(201, events.create(c.var("account"), c.json(errors)).event()));
    routes.add(
        "PATCH",
        path + "/{id}",
        c -> Answer.json(200, events.patch(c.var("account"), c.var("id"), c.json(errors))));
    routes.add(
        "DELETE",
        path + "/{id}",
        c -> {
          events.delete(c.var("account"), c.var("id"));
          return Answer.empty(204);
        });
    routes.add(
        "GET",
        path,
        c -> {
          AccountEvents acct = events.account(c.var("account"));
          ObjectNode out = Json.object();
          ArrayNode items = out.putArray("items");
          synchronized (acct) {
            for (StoredEvent e : acct.all()) {
              ObjectNode json = e.json().deepCopy();
              if (e.removed()) {
                json.put("isDeleted", true);
              }
              items.add(json);
            }
          }
          return Answer.json(200, out);
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
