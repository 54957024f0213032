package org.cfcr.petitions.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import org.cfcr.petitions.kernel.web.DomainException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which signatures an export holds: confirmed only (the default) or pending too, signed within
 * a date range (whole days, UTC), and optionally only those who asked for updates.
 */
public record ExportFilters(boolean includePending, @Nullable LocalDate from, @Nullable LocalDate to,
                            boolean onlyUpdates) {

    /** Thrown for a filter that cannot be read; the message key says which. */
    public static final class InvalidFilterException extends DomainException {
        InvalidFilterException(String messageKey) {
            super(HttpStatus.BAD_REQUEST, messageKey, messageKey);
        }
    }

    /** Reads the query parameters: status=confirmed|all, from and to as yyyy-mm-dd, updates=only. */
    public static ExportFilters parse(@Nullable String status, @Nullable String from, @Nullable String to,
                                      @Nullable String updates) {
        boolean pending;
        if (status == null || status.isEmpty() || status.equals("confirmed")) {
            pending = false;
        } else if (status.equals("all")) {
            pending = true;
        } else {
            throw new InvalidFilterException("export.error.status");
        }
        LocalDate fromDay = day(from);
        LocalDate toDay = day(to);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw new InvalidFilterException("export.error.range");
        }
        boolean onlyUpdates;
        if (updates == null || updates.isEmpty() || updates.equals("any")) {
            onlyUpdates = false;
        } else if (updates.equals("only")) {
            onlyUpdates = true;
        } else {
            throw new InvalidFilterException("export.error.updates");
        }
        return new ExportFilters(pending, fromDay, toDay, onlyUpdates);
    }

    @Nullable
    private static LocalDate day(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFilterException("export.error.date");
        }
    }

    Optional<Instant> fromInstant() {
        return Optional.ofNullable(from).map(day -> day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The end of the range: the start of the day after {@code to}. */
    Optional<Instant> toInstantExclusive() {
        return Optional.ofNullable(to).map(day -> day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** How the export record shows these filters. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(includePending ? "confirmed and pending" : "confirmed only");
        if (from != null || to != null) {
            parts.add("signed " + (from == null ? "…" : from) + " to " + (to == null ? "…" : to));
        }
        if (onlyUpdates) {
            parts.add("only signers who want updates");
        }
        return String.join("; ", parts);
    }
}
