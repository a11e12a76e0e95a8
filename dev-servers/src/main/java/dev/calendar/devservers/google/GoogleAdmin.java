package dev.calendar.devservers.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.AccountEvents;
import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.Routes;
import dev.calendar.devservers.fakeapi.StoredEvent;

/** Google's own {@code /dev/...} routes: events written as another client would, and channels. */
final class GoogleAdmin {
  private GoogleAdmin() {}

  static void addRoutes(Routes routes, GoogleCalendars calendars, GoogleChannels channels) {
    String events = "/dev/accounts/{account}/events";
    routes.add(
        "POST",
        events,
        c -> Answer.json(201, calendars.insert(c.var("account"), c.json(GoogleErrors.INSTANCE))));
    routes.add(
        "PATCH",
        events + "/{id}",
        c ->
            Answer.json(
                200,
                calendars.patch(c.var("account"), c.var("id"), c.json(GoogleErrors.INSTANCE))));
    routes.add(
        "DELETE",
        events + "/{id}",
        c -> {
          calendars.delete(c.var("account"), c.var("id"));
          return Answer.empty(204);
        });
    routes.add(
        "GET",
        events,
        c -> {
          AccountEvents acct = calendars.account(c.var("account"));
          ObjectNode out = Json.object();
          ArrayNode items = out.putArray("items");
          synchronized (acct) {
            for (StoredEvent e : acct.all()) {
              items.add(e.json().deepCopy());
            }
          }
          return Answer.json(200, out);
        });
    routes.add("GET", "/dev/channels", c -> Answer.json(200, channels.toJson()));
  }
}
