package dev.calendar.stream.sync.provider;

import java.util.List;

/**
 * One page of a listing: its items, and either the next page's token or link ({@code nextPage}), or
 * on the last page the cursor to read the next changes from ({@code cursor}: Google's
 * nextSyncToken, Microsoft's deltaLink).
 */
public record ChangePage(List<RemoteEvent> items, String nextPage, String cursor) {
  public boolean last() {
    return nextPage == null;
  }
}
