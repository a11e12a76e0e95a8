package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The {@code /dev/...} admin routes both providers have in the same shape: codes, revoke,
 * invalidate-cursors, faults, the request and notification logs, and reset.
 */
public final class CommonAdminRoutes {
  private CommonAdminRoutes() {}

  /**
   * @param accounts the events of an account by email, created when new
   * @param reset forgets everything the provider holds besides what is passed here
   */
  public static void add(
      Routes routes,
      ErrorShape errors,
      TokenStore tokens,
      Faults faults,
      RequestLog requests,
      Notifier notifier,
      Function<String, AccountEvents> accounts,
      Runnable reset) {
    routes.add(
        "POST",
        "/dev/codes",
        call -> {
          ObjectNode body = call.json(errors);
          String account = Json.text(body, "account");
          if (account == null || account.isBlank()) {
            throw errors.exception(400, "invalid", "account is required");
          }
          String code = tokens.issueCode(account, Json.text(body, "redirectUri"));
          return Answer.json(200, Json.object().put("code", code));
        });
    routes.add(
        "POST",
        "/dev/accounts/{account}/revoke",
        call -> {
          tokens.revoke(call.var("account"));
          return Answer.empty(204);
        });
    routes.add(
        "POST",
        "/dev/accounts/{account}/invalidate-cursors",
        call -> {
          AccountEvents acct = accounts.apply(call.var("account"));
          synchronized (acct) {
            acct.invalidateCursors();
          }
          return Answer.empty(204);
        });
    routes.add(
        "POST",
        "/dev/faults",
        call -> {
          faults.add(call.json(errors));
          return Answer.empty(204);
        });
    routes.add(
        "DELETE",
        "/dev/faults",
        call -> {
          faults.clear();
          return Answer.empty(204);
        });
    routes.add("GET", "/dev/requests", call -> Answer.json(200, requests.toJson()));
    routes.add("GET", "/dev/notifications", call -> Answer.json(200, notifier.toJson()));
    routes.add(
        "POST",
        "/dev/reset",
        call -> {
          reset.run();
          tokens.clear();
          faults.clear();
          requests.clear();
          notifier.clear();
          return Answer.empty(204);
        });
  }

  /**
   * {@code /dev/accounts/{account}/events}: events written as another client would (create, patch,
   * delete), and the list of every stored event, removed ones too.
   *
   * @param create makes an event from a client's body, answering it as the API shows it
   * @param decorate may add to each listed event's copy
   */
  public static void addEvents(
      Routes routes,
      ErrorShape errors,
      EventAccounts events,
      BiFunction<String, ObjectNode, ObjectNode> create,
      BiConsumer<StoredEvent, ObjectNode> decorate) {
    String path = "/dev/accounts/{account}/events";
    routes.add("POST", path, c -> Answer.json(201, create.apply(c.var("account"), c.json(errors))));
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
    routes.add("GET", path, c -> Answer.json(200, events.listAll(c.var("account"), decorate)));
  }
}
