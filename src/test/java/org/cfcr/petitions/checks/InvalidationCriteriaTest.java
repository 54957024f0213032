package org.cfcr.petitions.checks;

import org.cfcr.petitions.kernel.i18n.Countries;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a lead may ask to invalidate, and the message for each field that cannot be read. */
class InvalidationCriteriaTest {

    private final Countries countries = new Countries();

    private InvalidationCriteria.Parsed parse(String address, String host, String domain, String email, String country,
                                              String from, String to) {
        return InvalidationCriteria.parse(new InvalidationCriteria.Form(address, host, domain, email, country, from, to),
                countries);
    }

    private Map<String, String> errors(InvalidationCriteria.Parsed parsed) {
        return assertInstanceOf(InvalidationCriteria.Invalid.class, parsed).errors();
    }

    @Test
    void any_mix_of_parts_is_read_and_described_in_words() {
        InvalidationCriteria criteria = assertInstanceOf(InvalidationCriteria.Valid.class,
                parse("203.0.113.0/24", null, "@Spam.Example", "bot*@*", "cn", "2026-11-28 09:00", "2026-11-28T10:00"))
                .criteria();
        assertEquals("address 203.0.113.0/24; domain spam.example; email bot*@*; country CN; "
                + "from 2026-11-28 09:00 UTC; until 2026-11-28 10:00 UTC", criteria.describe());
    }

    @Test
    void one_address_is_matched_by_its_hash_and_a_range_only_as_wide_as_what_is_kept() {
        InvalidationCriteria single = assertInstanceOf(InvalidationCriteria.Valid.class,
                parse("203.0.113.7", null, null, null, null, null, null)).criteria();
        assertTrue(single.isSingleHost());
        assertEquals("admin.checks.error.addressNarrow", errors(parse("203.0.113.0/28", null, null, null, null, null, null))
                .get("address"));
        assertEquals("admin.checks.error.address", errors(parse("not an address", null, null, null, null, null, null))
                .get("address"));
    }

    @Test
    void a_time_window_alone_would_sweep_up_real_signers_and_is_refused() {
        assertEquals("admin.checks.error.windowAlone",
                errors(parse(null, null, null, null, null, "2026-11-28 09:00", "2026-11-28 10:00")).get("from"));
        assertEquals("admin.checks.error.window",
                errors(parse(null, null, "spam.example", null, null, "2026-11-28 10:00", "2026-11-28 09:00")).get("to"));
        assertEquals("admin.checks.error.nothing", errors(parse(null, null, null, null, null, null, null)).get("address"));
    }

    @Test
    void hostile_values_are_refused_field_by_field() {
        Map<String, String> errors = errors(parse(null, "zz", "a b", "'; DROP", "XX", "+300000000-01-01 00:00", null));
        assertEquals("admin.checks.error.host", errors.get("host"));
        assertEquals("admin.checks.error.domain", errors.get("domain"));
        assertEquals("admin.checks.error.email", errors.get("email"));
        assertEquals("admin.checks.error.country", errors.get("country"));
        assertEquals("admin.checks.error.time", errors.get("from"));
    }
}
