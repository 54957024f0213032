package org.cfcr.petitions.kernel.i18n;

import jakarta.inject.Singleton;

import java.time.Duration;

/** "7 days", "12 hours", "30 minutes" in the reader's language. */
@Singleton
public class Durations {

    private final Messages messages;

    public Durations(Messages messages) {
        this.messages = messages;
    }

    public String human(Duration duration, Lang lang) {
        if (duration.toHours() >= 48 || (duration.toDays() >= 1 && duration.toHoursPart() == 0)) {
            return messages.text("duration.days", lang.locale(), duration.toDays());
        }
        if (duration.toHours() >= 1) {
            return messages.text("duration.hours", lang.locale(), duration.toHours());
        }
        return messages.text("duration.minutes", lang.locale(), Math.max(1, duration.toMinutes()));
    }
}
