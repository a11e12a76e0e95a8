package dev.calendar.stream.sync.outlook;

import dev.calendar.stream.sync.provider.ErrorKinds;
import dev.calendar.stream.sync.provider.ProviderException.Kind;
import java.util.Set;

/**
 * Microsoft Graph's error codes ({@code error.code}) where the status alone misleads: a lost delta
 * token is a 410, but some services say so with a 400 and one of these codes.
 */
final class GraphErrors {
  private static final Set<String> SYNC_STATE_LOST =
      Set.of("syncStateNotFound", "SyncStateNotFound", "resyncRequired", "syncStateInvalid");

  private GraphErrors() {}

  static final ErrorKinds KINDS =
      error -> {
        if (error.status() == 410 || SYNC_STATE_LOST.contains(error.code())) {
          return Kind.SYNC_STATE_LOST;
        }
        return ErrorKinds.BY_STATUS.kindOf(error);
      };
}
