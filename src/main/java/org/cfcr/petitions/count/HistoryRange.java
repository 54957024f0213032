package org.cfcr.petitions.count;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A validated request for a count history: a step (minute, hour, day), and a range from..to in
 * UTC, both rounded down to the step. Built from untrusted query parameters; says what is wrong.
 */
public record HistoryRange(ChronoUnit step, Instant from, Instant to) {

    public static final int MAX_POINTS = 1500;

    public static final class Invalid extends RuntimeException {
        public Invalid(String messageKey) {
            super(messageKey, null, false, false);
        }

        public String messageKey() {
            return getMessage();
        }
    }

    /** Counts go back no further than this service, and not into the future. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    public static HistoryRange parse(String stepText, String fromText, String toText, Instant now) {
        ChronoUnit step = switch (stepText == null || stepText.isBlank() ? "hour" : stepText.strip().toLowerCase(Locale.ROOT)) {
            case "minute" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            default -> throw new Invalid("api.error.history.step");
        };
        Instant to = blank(toText) ? now : instant(toText);
        if (to.isAfter(now)) {
            to = now;
        }
        Instant from = blank(fromText) ? to.minus(defaultSpan(step)) : instant(fromText);
        to = to.truncatedTo(step);
        from = from.truncatedTo(step);
        if (from.isAfter(to)) {
            throw new Invalid("api.error.history.order");
        }
        if (Duration.between(from, to).dividedBy(Duration.of(1, step)) >= MAX_POINTS) {
            throw new Invalid("api.error.history.tooMany");
        }
        return new HistoryRange(step, from, to);
    }

    private static Duration defaultSpan(ChronoUnit step) {
        return switch (step) {
            case MINUTES -> Duration.ofHours(1);
            case HOURS -> Duration.ofHours(48);
            default -> Duration.ofDays(60);
        };
    }

    /** An ISO instant (2026-11-27T10:00:00Z) or a date (2026-11-27, meaning its start in UTC). */
    private static Instant instant(String text) {
        String value = text.strip();
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeException notATime) {
            throw new Invalid("api.error.history.time");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(Instant.parse("2200-01-01T00:00:00Z"))) {
            throw new Invalid("api.error.history.time");
        }
        return instant;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
