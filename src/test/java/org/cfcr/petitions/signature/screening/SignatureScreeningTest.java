package org.cfcr.petitions.signature.screening;

import io.micronaut.core.io.ResourceResolver;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.signature.EmailAddress;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The screening rules as a whole, in their order, without a database: the form tokens and the
 * campaign's challenge switch are fakes that say what the test needs.
 */
class SignatureScreeningTest {

    private static final long CAMPAIGN = 7;
    /** A fake form token that says how many seconds ago its form was shown. */
    private static final String FILLED_IN_10_S = "age:10";
    private static final String SENT_AT_ONCE = "age:0";
    private static final String LEFT_OPEN_TWO_DAYS = "age:172800";

    private final FakeChallenges challenges = new FakeChallenges();
    private final SignatureScreening screening = screening(settings(2, 100, 3, 1000), "hold");

    @Test
    void a_person_filling_in_the_form_is_not_held() {
        assertEquals(Optional.empty(), screen("jane@example.org", "203.0.113.1", form(FILLED_IN_10_S)));
    }

    @Test
    void an_allowed_address_is_never_held_whatever_else_it_sends() {
        assertEquals(Optional.empty(), screen("bot@spam.example", "192.0.2.1", FormEvidence.form("filled", null, null)));
    }

    @Test
    void block_lists_come_first_then_signs_of_a_script_then_throwaway_mail() {
        assertEquals(Optional.of(HoldRule.BLOCKED), screen("jane@spam.example", "203.0.113.2", FormEvidence.form("x", null, null)));
        assertEquals(Optional.of(HoldRule.BLOCKED), screen("jane@example.org", "198.51.100.7", form(FILLED_IN_10_S)));
        assertEquals(Optional.of(HoldRule.BOT), screen("a@guerrillamail.com", "203.0.113.3", FormEvidence.form("x", FILLED_IN_10_S, null)));
        assertEquals(Optional.of(HoldRule.DISPOSABLE), screen("a@guerrillamail.com", "203.0.113.4", form(FILLED_IN_10_S)));
    }

    @Test
    void a_form_sent_at_once_left_open_for_days_or_without_our_token_looks_scripted() {
        assertEquals(Optional.of(HoldRule.BOT), screen("a@example.org", "203.0.113.5", form(SENT_AT_ONCE)));
        assertEquals(Optional.of(HoldRule.BOT), screen("b@example.org", "203.0.113.6", form(LEFT_OPEN_TWO_DAYS)));
        assertEquals(Optional.of(HoldRule.BOT), screen("c@example.org", "203.0.113.7", form("forged")));
        assertEquals(Optional.of(HoldRule.BOT), screen("d@example.org", "203.0.113.8", form(null)));
    }

    @Test
    void api_clients_need_no_form_token_unless_the_challenge_is_on() {
        assertEquals(Optional.empty(), screen("a@example.org", "203.0.113.9", FormEvidence.api(null, null)));
    }

    @Test
    void one_address_may_sign_a_few_times_then_its_signatures_are_held() {
        assertEquals(Optional.empty(), screen("a@example.org", "203.0.113.10", form(FILLED_IN_10_S)));
        assertEquals(Optional.empty(), screen("b@example.org", "203.0.113.10", form(FILLED_IN_10_S)));
        assertEquals(Optional.of(HoldRule.ADDRESS_RATE), screen("c@example.org", "203.0.113.10", form(FILLED_IN_10_S)));
        assertEquals(Optional.empty(), screen("c@example.org", "203.0.113.11", form(FILLED_IN_10_S)), "a neighbour is another address");
    }

    @Test
    void rates_count_only_what_got_past_the_earlier_rules() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(HoldRule.BOT), screen(i + "@example.org", "203.0.113.12", form(SENT_AT_ONCE)));
        }
        assertEquals(Optional.empty(), screen("person@example.org", "203.0.113.12", form(FILLED_IN_10_S)),
                "the script's attempts did not use up the address's allowance");
    }

    @Test
    void one_small_domain_may_bring_a_few_signatures_and_big_providers_any_number() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), screen(i + "@small.example", "203.0.113." + (20 + i), form(FILLED_IN_10_S)));
            assertEquals(Optional.empty(), screen(i + "@gmail.com", "203.0.114." + (20 + i), form(FILLED_IN_10_S)));
        }
        assertEquals(Optional.of(HoldRule.DOMAIN_RATE), screen("3@small.example", "203.0.113.30", form(FILLED_IN_10_S)));
        assertEquals(Optional.empty(), screen("3@gmail.com", "203.0.114.30", form(FILLED_IN_10_S)));
    }

    @Test
    void a_flood_on_the_campaign_switches_the_challenge_on_and_holds_nothing_by_itself() {
        SignatureScreening flooded = screening(settings(100, 100, 100, 2), "hold");
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), flooded.screen(CAMPAIGN, new EmailAddress(i + "@gmail.com"),
                    client("203.0.113." + (40 + i)), form(FILLED_IN_10_S)));
        }
        assertEquals(List.of(CAMPAIGN), challenges.floods);
    }

    @Test
    void when_the_challenge_is_on_only_a_right_answer_built_on_a_fresh_token_passes() {
        challenges.required = true;
        String email = "solver@gmail.com"; // a big provider: no per-domain limit in the way
        String proof = ProofOfWork.solve(FILLED_IN_10_S, email, 8);
        assertEquals(Optional.empty(), screen(email, "203.0.113.50", FormEvidence.form("", FILLED_IN_10_S, proof)));
        assertEquals(Optional.of(HoldRule.CHALLENGE), screen(email, "203.0.113.51", form(FILLED_IN_10_S)));
        assertEquals(Optional.of(HoldRule.CHALLENGE), screen("other@gmail.com", "203.0.113.52",
                FormEvidence.form("", FILLED_IN_10_S, proof)), "an answer is for one email address");
        String staleProof = ProofOfWork.solve(LEFT_OPEN_TWO_DAYS, email, 8);
        assertEquals(Optional.of(HoldRule.CHALLENGE), screen(email, "203.0.113.53",
                FormEvidence.api(LEFT_OPEN_TWO_DAYS, staleProof)));
    }

    private Optional<HoldRule> screen(String email, String address, FormEvidence evidence) {
        return screening.screen(CAMPAIGN, new EmailAddress(email), client(address), evidence);
    }

    private static FormEvidence form(String token) {
        return FormEvidence.form("", token, null);
    }

    private static ClientAddress client(String address) {
        try {
            return new ClientAddress(InetAddress.getByName(address));
        } catch (Exception e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    private static AbuseSettings settings(int addressPerMinute, int networkPerMinute, int domainPerMinute,
                                          int campaignPerMinute) {
        return new AbuseSettings(List.of("192.0.2.1"), List.of("198.51.100.0/24"), List.of("spam.example"), List.of(),
                List.of(), addressPerMinute, 1000, networkPerMinute, 1000, domainPerMinute, 1000, campaignPerMinute,
                Duration.ofHours(1), 8, Duration.ofSeconds(3), Duration.ofHours(24), 20);
    }

    private SignatureScreening screening(AbuseSettings settings, String disposableHandling) {
        ResourceResolver resources = new ResourceResolver();
        return new SignatureScreening(new AccessLists(settings, resources), new RateLimits(settings),
                new FakeFormTokens(), challenges, new DisposableDomains(resources,
                new EmailCheckSettings(disposableHandling, null)), settings);
    }

    /** Tokens of the form "age:seconds"; anything else is not one of ours. */
    private static final class FakeFormTokens extends FormTokens {
        FakeFormTokens() {
            super(null, null);
        }

        @Override
        public Optional<Duration> age(String token, long campaignId) {
            if (token == null || !token.startsWith("age:")) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(Long.parseLong(token.substring(4))));
        }
    }

    private static final class FakeChallenges extends CampaignChallenges {
        boolean required;
        final List<Long> floods = new ArrayList<>();

        FakeChallenges() {
            super(null, null, null, null, null);
        }

        @Override
        public boolean isRequired(long campaignId) {
            return required;
        }

        @Override
        public void floodSeen(long campaignId) {
            floods.add(campaignId);
        }
    }
}
