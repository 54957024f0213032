package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.signature.SigningSettings;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A harasser's story: a flood of signatures naming other people's addresses, which the rules hold
 * back, tries to make the coalition's sender mail every one of them with the harasser's words. It
 * gets at most the email budget of its sources, and no word of its own into any inbox; nothing a
 * real signer caught in it made is lost, and the campaign's leads see what was not mailed.
 */
@MicronautTest(transactional = false)
class HarasserTriesToRelayMail extends ServiceTest {

    static final int BUDGET = 20;
    /** Blocked: each test floods from a /24 of its own in it. */
    static final String BLOCKED_RANGE = "198.18.0.0/15";
    static final String BLOCKED_DOMAIN = "targets.example";
    static final String HATE = "You are next, traitor";

    @Inject
    SigningSettings signing;

    @Inject
    Leads leads;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "petitions.abuse.held-emails-per-hour", Integer.toString(BUDGET),
                "petitions.abuse.block-addresses", BLOCKED_RANGE,
                "petitions.abuse.block-domains", "held.example," + BLOCKED_DOMAIN);
    }

    @Test
    void a_flood_of_10000_held_signatures_causes_no_more_emails_than_the_budget() throws Exception {
        Campaign campaign = openCampaign();
        long started = System.nanoTime();
        // from one blocked network, each to an address at a domain of its own (not a subdomain, which would share
        // its domain's budget): the network's budget
        List<Integer> fromOneNetwork = flood(campaign, 5_000, i -> "198.18.1." + (1 + i % 250),
                i -> "person" + i + "@inbox" + i + "-flood-a.example");
        // from 5,000 networks, all to a blocked domain: the domain's budget
        List<Integer> toOneDomain = flood(campaign, 5_000, i -> "100." + (64 + i / 256) + "." + (i % 256) + ".9",
                i -> "person" + i + "@" + BLOCKED_DOMAIN);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("10,000 held signatures through the JSON API in %.1f s%n", took.toMillis() / 1000.0);

        assertTrue(fromOneNetwork.stream().allMatch(status -> status == 202), "each is answered like any other");
        assertTrue(toOneDomain.stream().allMatch(status -> status == 202));
        assertEquals(10_000, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND hold_rule = 'BLOCKED'",
                campaign.id()), "every one is stored, held");
        awaitMailSettled(campaign);
        // the buckets refill a little while the flood runs (BUDGET an hour)
        long mostPerSource = BUDGET + BUDGET * took.toSeconds() / 3600;
        long queued = queryLong("SELECT COUNT(*) FROM outbox_email WHERE signature_id IN "
                + "(SELECT id FROM signature WHERE campaign_id = ?)", campaign.id());
        long toFloodA = TestMailServer.countToDomainsEndingWith("-flood-a.example");
        long toFloodB = TestMailServer.countToDomainsEndingWith("@" + BLOCKED_DOMAIN);
        assertTrue(toFloodA >= BUDGET && toFloodA <= mostPerSource, "the network's budget: " + toFloodA);
        assertTrue(toFloodB >= BUDGET && toFloodB <= mostPerSource, "the domain's budget: " + toFloodB);
        assertEquals(toFloodA + toFloodB, queued, "every email queued was sent, and no other");
        assertEquals(10_000 - queued, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? "
                + "AND emails_sent = 0", campaign.id()), "the others are stored unmailed");
    }

    @Test
    void a_real_signer_caught_in_the_flood_gets_a_link_by_signing_again_later_and_confirms() {
        Campaign campaign = openCampaign();
        flood(campaign, BUDGET + 5, i -> "198.18.2." + (1 + i), i -> "wave" + i + "@wave" + i + ".flood-b.example");
        Browser sameNetwork = browser().from("198.18.2.200");
        String real = uniqueEmail("caught");
        assertEquals(202, signJson(sameNetwork, campaign, real).status(), "answered like everyone else");
        awaitMailSettled(campaign);
        assertEquals(0, TestMailServer.messagesTo(real).size(), "the network's budget was spent by the flood");
        assertEquals(0, queryLong("SELECT emails_sent FROM signature WHERE email_key = ?", mailboxKey(real)),
                "stored, unmailed");

        clock.advance(Duration.ofHours(1)); // the flood is over, and the network's budget back
        assertEquals(202, signJson(sameNetwork, campaign, real).status());
        String page = confirmAs(real);
        assertTrue(page.contains("checked by the campaign team"), "confirmed, and still held by its rule: " + page);
        assertEquals("CONFIRMED", queryString("SELECT status FROM signature WHERE email_key = ?", mailboxKey(real)));
    }

    @Test
    void a_real_signer_caught_in_the_flood_who_signs_again_from_elsewhere_counts_at_once() {
        Campaign campaign = openCampaign();
        flood(campaign, BUDGET + 5, i -> "198.18.3." + (1 + i), i -> "wave" + i + "@wave" + i + ".flood-c.example");
        String real = uniqueEmail("commuter");
        signJson(browser().from("198.18.3.200"), campaign, real);
        awaitMailSettled(campaign);
        assertEquals(0, TestMailServer.messagesTo(real).size());

        // from home, a minute later: no email was ever sent, so the resend interval does not apply
        clock.advance(Duration.ofMinutes(1));
        assertTrue(Duration.ofMinutes(1).compareTo(signing.resendInterval()) < 0);
        assertEquals(202, signJson(browser().from("203.0.113.80"), campaign, real).status());
        assertTrue(confirmAs(real).contains("your signature counts"));
        awaitCount(campaign, 1);
    }

    @Test
    void repeats_of_known_addresses_from_a_blocked_network_get_no_more_emails_than_the_budget() {
        Campaign campaign = openCampaign();
        List<String> known = new ArrayList<>();
        for (int i = 0; i < BUDGET + 5; i++) {
            known.add("known" + i + "@known" + i + ".flood-e.example");
            assertEquals(202, signJson(browser(), campaign, known.get(i)).status());
        }
        awaitMailSettled(campaign);

        clock.advance(signing.resendInterval());
        flood(campaign, known.size(), i -> "198.18.5." + (1 + i), known::get);
        awaitMailSettled(campaign);
        assertEquals(known.size() + BUDGET, TestMailServer.countToDomainsEndingWith(".flood-e.example"),
                "each address's own email, then the network's budget");
        assertEquals(BUDGET, queryLong("SELECT COUNT(*) FROM resubmission r JOIN signature s ON s.id = r.signature_id "
                + "WHERE s.campaign_id = ?", campaign.id()), "a repeat no link was sent for is not kept");
    }

    @Test
    void the_leads_see_how_many_held_signatures_were_not_mailed_by_rule() {
        Campaign campaign = openCampaign();
        flood(campaign, BUDGET + 30, i -> "198.18.4." + (1 + i), i -> "wave" + i + "@wave" + i + "-flood-d.example");
        // sent the moment the form is shown, as a script does: held as scripted, from one network
        for (int i = 0; i < BUDGET + 3; i++) {
            browser().from("203.0.113." + (100 + i % 3)).sign(campaign.slug(),
                    signer("Script " + i, "script" + i + "@script" + i + "-flood-d.example"));
        }
        assertEquals(BUDGET + 3, queryLong("SELECT COUNT(*) FROM signature WHERE campaign_id = ? AND hold_rule = 'BOT'",
                campaign.id()));

        Browser lead = leads.signedIn(leads.leadOf(campaign));
        Element held = lead.get("/admin/campaigns/" + campaign.id() + "/checks").html().selectFirst("#held");
        assertTrue(held.text().contains("at most " + BUDGET + " emails an hour"), held.text());
        assertEquals(List.of("50", "0", "30"), row(held, "On a block list"), "signatures, confirmed, not mailed");
        assertEquals(List.of("23", "0", "3"), row(held, "Looked scripted"));
    }

    @Test
    void no_email_a_submission_causes_carries_the_name_it_gave() {
        Campaign campaign = openCampaign();
        String target = uniqueEmail("target");
        Browser harasser = browser();
        harasser.sign(campaign.slug(), signer(HATE, target));
        TestMailServer.Mail confirmation = TestMailServer.awaitMessage(target);
        assertWordsAbsent(confirmation);
        assertTrue(confirmation.text().startsWith("Hello,"), confirmation.text());

        confirmAs(target); // the owner confirms what they were sent, then someone signs in their name again
        clock.advance(signing.resendInterval());
        harasser.sign(campaign.slug(), signer(HATE + " again", target));
        TestMailServer.Mail alreadySigned = TestMailServer.awaitMessages(target, 2, Duration.ofSeconds(10)).get(1);
        assertTrue(alreadySigned.subject().startsWith("You have already signed"), alreadySigned.subject());
        assertWordsAbsent(alreadySigned);
    }

    private static void assertWordsAbsent(TestMailServer.Mail mail) {
        for (String part : new String[]{mail.subject(), mail.text(), mail.html()}) {
            assertFalse(part.contains("traitor"), "the submitter's words reach no inbox: " + part);
            assertFalse(part.contains("Dear"), part);
        }
    }

    /** The counts of one rule's row of the held table: signatures, confirmed, not mailed. */
    private static List<String> row(Element held, String rule) {
        for (Element row : held.select("tr")) {
            if (row.text().startsWith(rule)) {
                return row.select("td.num").eachText();
            }
        }
        throw new AssertionError("No row for " + rule + " in: " + held.text());
    }

    /**
     * Signs the campaign through the JSON API from these addresses for these emails, 16 at a time
     * (as a script would); returns the answers' statuses.
     */
    private List<Integer> flood(Campaign campaign, int signatures, IntFunction<String> from, IntFunction<String> email) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        ThreadLocal<Browser> browsers = ThreadLocal.withInitial(this::browser);
        try {
            List<Future<Integer>> answers = new ArrayList<>(signatures);
            for (int i = 0; i < signatures; i++) {
                int n = i;
                answers.add(pool.submit(
                        () -> signJson(browsers.get().from(from.apply(n)), campaign, email.apply(n)).status()));
            }
            List<Integer> statuses = new ArrayList<>(signatures);
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
