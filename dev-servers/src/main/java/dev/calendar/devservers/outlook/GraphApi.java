package dev.calendar.devservers.outlook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.AccountEvents;
import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.HttpCall;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.Routes;
import dev.calendar.devservers.fakeapi.StoredEvent;
import dev.calendar.devservers.fakeapi.TokenStore;

/** The Graph routes under {@code /v1.0}, each behind a bearer token. */
final class GraphApi {
  private final TokenStore tokens;
  private final GraphEvents events;
  private final GraphDelta delta;
  private final GraphSubscriptions subscriptions;

  GraphApi(
      TokenStore tokens, GraphEvents events, GraphDelta delta, GraphSubscriptions subscriptions) {
    this.tokens = tokens;
    this.events = events;
    this.delta = delta;
    this.subscriptions = subscriptions;
  }

  void addRoutes(Routes routes) {
    GraphErrors errors = GraphErrors.INSTANCE;
    routes.add("GET", "/v1.0/me", this::me);
    routes.add("GET", "/v1.0/me/events", this::listEvents);
    routes.add(
        "POST",
        "/v1.0/me/events",
        c -> Answer.json(201, events.create(account(c), c.json(errors)).event()));
    routes.add(
        "GET", "/v1.0/me/events/{id}", c -> Answer.json(200, events.get(account(c), c.var("id"))));
    routes.add(
        "PATCH",
        "/v1.0/me/events/{id}",
        c -> Answer.json(200, events.patch(account(c), c.var("id"), c.json(errors))));
    routes.add(
        "DELETE",
        "/v1.0/me/events/{id}",
        c -> {
          events.delete(account(c), c.var("id"));
          return Answer.empty(204);
        });
    routes.add(
        "GET", "/v1.0/me/calendarView/delta", c -> Answer.json(200, delta.delta(account(c), c)));
    routes.add(
        "POST",
        "/v1.0/subscriptions",
        c -> Answer.json(201, subscriptions.create(account(c), c.json(errors))));
    routes.add("GET", "/v1.0/subscriptions", c -> Answer.json(200, subscriptions.list(account(c))));
    routes.add(
        "PATCH",
        "/v1.0/subscriptions/{id}",
        c -> Answer.json(200, subscriptions.renew(account(c), c.var("id"), c.json(errors))));
    routes.add(
        "DELETE",
        "/v1.0/subscriptions/{id}",
        c -> {
          subscriptions.delete(account(c), c.var("id"));
          return Answer.empty(204);
        });
  }

  private Answer me(HttpCall call) {
    String email = account(call);
    return Answer.json(
        200,
        Json.object()
            .put("id", OutlookServer.userId(email))
            .put("userPrincipalName", email)
            .put("mail", email)
            .put("displayName", email.substring(0, Math.max(1, email.indexOf('@')))));
  }

  /** Every live event, masters included (no paging: a convenience, not used for sync). */
  private Answer listEvents(HttpCall call) {
    AccountEvents acct = events.account(account(call));
    ObjectNode out = Json.object();
    ArrayNode value = out.putArray("value");
    synchronized (acct) {
      for (StoredEvent e : acct.all()) {
        if (!e.removed() && !e.isInstance()) {
          value.add(e.json().deepCopy());
        }
      }
    }
    return Answer.json(200, out);
  }

  private String account(HttpCall call) {
    String email = tokens.accountOfBearer(call.header("Authorization"));
    if (email == null) {
      throw GraphErrors.unauthenticated();
    }
    return email;
  }
}
