package dev.calendar.external;

import dev.calendar.serialization.CborSerializable;
import java.util.List;

/**
 * One other calendar's busy time as a user's calendar keeps it: an imported file's or a
 * connection's. {@code checkConflicts} off: kept, but it blocks nothing.
 *
 * @param id {@code import:NAME} for an imported file, {@code connection:ID} for a connection
 */
public record ExternalSource(String id, boolean checkConflicts, List<ExternalBusy> busy)
    implements CborSerializable {

  public static final String IMPORT_PREFIX = "import:";
  public static final String CONNECTION_PREFIX = "connection:";

  public ExternalSource {
    busy = List.copyOf(busy);
  }

  public ExternalSource withBusy(List<ExternalBusy> next) {
    return new ExternalSource(id, checkConflicts, next);
  }

  public ExternalSource checking(boolean check) {
    return new ExternalSource(id, check, busy);
  }
}
