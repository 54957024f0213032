package org.cfcr.petitions.signature.screening;

import org.cfcr.petitions.support.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Held signatures cause at most a set number of emails per network and per email domain an hour. */
class HeldEmailBudgetTest {

    private static final byte[] NETWORK = {(byte) 192, 0, 2};
    private static final byte[] OTHER_NETWORK = {(byte) 198, 51, 100};

    private final TestClock clock = new TestClock();
    private final HeldEmailBudget budget = new HeldEmailBudget(settings(3), clock);

    @Test
    void one_network_gets_its_budget_and_no_more_whatever_the_domains() {
        assertEquals(3, emailsOf(1000, i -> budget.tryEmail(NETWORK, "domain" + i + ".example")));
        assertTrue(budget.tryEmail(OTHER_NETWORK, "domain0.example"), "another network has a budget of its own");
    }

    @Test
    void one_domain_gets_its_budget_and_no_more_whatever_the_networks() {
        assertEquals(3, emailsOf(1000, i -> budget.tryEmail(new byte[]{10, (byte) (i >> 8), (byte) i}, "victims.example")));
    }

    @Test
    void an_email_needs_both_budgets_and_a_refused_one_spends_neither() {
        for (int i = 0; i < 3; i++) {
            assertTrue(budget.tryEmail(new byte[]{10, 0, (byte) i}, "spent.example"));
        }
        assertFalse(budget.tryEmail(NETWORK, "spent.example"), "the domain's budget is spent");
        assertEquals(3, emailsOf(10, i -> budget.tryEmail(NETWORK, "fresh" + i + ".example")),
                "the refused email did not spend the network's budget");
    }

    @Test
    void clients_of_unknown_address_share_one_budget() {
        assertEquals(3, emailsOf(10, i -> budget.tryEmail(null, "domain" + i + ".example")));
    }

    @Test
    void the_budget_comes_back_within_the_hour() {
        emailsOf(10, i -> budget.tryEmail(NETWORK, "d" + i + ".example"));
        clock.advance(Duration.ofMinutes(20));
        assertEquals(1, emailsOf(10, i -> budget.tryEmail(NETWORK, "e" + i + ".example")), "a third of the hour, a third");
        clock.advance(Duration.ofHours(1));
        assertEquals(3, emailsOf(10, i -> budget.tryEmail(NETWORK, "f" + i + ".example")), "never more than the hour's");
        clock.reset();
        assertFalse(budget.tryEmail(NETWORK, "g.example"), "a clock put back gives nothing back");
    }

    @Test
    void a_budget_of_zero_mails_no_held_signature() {
        HeldEmailBudget none = new HeldEmailBudget(settings(0), clock);
        assertFalse(none.tryEmail(NETWORK, "example.org"));
    }

    private interface Attempt {
        boolean email(int i);
    }

    private static int emailsOf(int attempts, Attempt attempt) {
        int sent = 0;
        for (int i = 0; i < attempts; i++) {
            sent += attempt.email(i) ? 1 : 0;
        }
        return sent;
    }

    private static AbuseSettings settings(int heldEmailsPerHour) {
        return new AbuseSettings(List.of(), List.of(), List.of(), List.of(), List.of(), 10, 60, 100, 600, 30, 200, 3000,
                Duration.ofHours(1), 16, Duration.ofSeconds(3), Duration.ofHours(24), heldEmailsPerHour);
    }
}
