package dev.calendar.api.reminder;

import dev.calendar.api.Fields;
import dev.calendar.notification.Channel;
import dev.calendar.notification.ReminderRule;
import java.util.List;

/** Reads reminder lists ({@code [{"offset": "PT10M", "channel": "email"}]}) from request bodies. */
public final class ReminderFields {
  private ReminderFields() {}

  public static List<ReminderRule> optionalList(Fields f, String field) {
    return f.optionalList(field, ReminderRule.MAX_PER_LIST, e -> one(e.object()));
  }

  private static ReminderRule one(Fields f) {
    var offset = f.duration("offset", ReminderRule.MAX_OFFSET);
    String channelText = f.requiredString("channel", 1, 20);
    Channel channel = null;
    if (channelText != null) {
      channel = Channel.parse(channelText).orElse(null);
      if (channel == null) {
        f.error("channel", "must be one of email, sms, push, webhook");
      }
    }
    return new ReminderRule(offset, channel);
  }
}
