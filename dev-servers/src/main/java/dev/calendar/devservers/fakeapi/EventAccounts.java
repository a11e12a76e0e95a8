package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The events of every account of a provider, by email, each account made when first asked for.
 * Providers add how they write events; reads go through the account's lock as writes do.
 */
public abstract class EventAccounts {
  private final Map<String, AccountEvents> accounts = new ConcurrentHashMap<>();

  public final AccountEvents account(String email) {
    return accounts.computeIfAbsent(email, AccountEvents::new);
  }

  public final Collection<AccountEvents> accounts() {
    return accounts.values();
  }

  public final void clear() {
    accounts.clear();
  }

  /** A copy of the event as the API shows it; the provider's 404 when {@link #find} has none. */
  public final ObjectNode get(String email, String id) {
    AccountEvents acct = account(email);
    synchronized (acct) {
      return find(acct, id).json().deepCopy();
    }
  }

  /**
   * Every stored event of the account (removed ones too) as {@code {"items": [...]}}, each a copy
   * that {@code decorate} may add to.
   */
  public final ObjectNode listAll(String email, BiConsumer<StoredEvent, ObjectNode> decorate) {
    AccountEvents acct = account(email);
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    synchronized (acct) {
      for (StoredEvent e : acct.all()) {
        ObjectNode json = e.json().deepCopy();
        decorate.accept(e, json);
        items.add(json);
      }
    }
    return out;
  }

  /** PATCH: the given fields merged in; answers the event as the API shows it. */
  public abstract ObjectNode patch(String email, String id, ObjectNode body);

  /** DELETE, as the provider deletes. */
  public abstract void delete(String email, String id);

  /** The event the API can see, called holding the account's lock; throws the provider's 404. */
  protected abstract StoredEvent find(AccountEvents acct, String id);
}
