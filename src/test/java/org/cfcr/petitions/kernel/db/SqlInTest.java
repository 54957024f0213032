package org.cfcr.petitions.kernel.db;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** IN lists come in a few shapes, so that the driver parses each statement once. */
class SqlInTest {

    @Test
    void in_lists_come_in_powers_of_two_with_the_last_value_repeated() {
        assertEquals("?", Sql.in(List.of(7L)).placeholders());
        assertEquals(List.of(7L, 8L), Sql.in(List.of(7L, 8L)).values());
        assertEquals(List.of(7L, 8L, 9L, 9L), Sql.in(List.of(7L, 8L, 9L)).values());
        assertEquals(256, Sql.in(new ArrayList<>(Collections.nCopies(200, 1L))).values().size());
        assertEquals(256, Sql.in(new ArrayList<>(Collections.nCopies(256, 1L))).values().size());
        assertEquals(1000, Sql.in(new ArrayList<>(Collections.nCopies(1000, 1L))).values().size(),
                "too long for the statement cache anyway: not padded");
        assertEquals(3 + 4, Sql.in(List.of(1L, 2L, 3L)).after("a", "b", "c").length);
    }

    @Test
    void an_empty_list_is_a_mistake_of_the_caller() {
        assertThrows(IllegalArgumentException.class, () -> Sql.in(List.of()));
    }
}
