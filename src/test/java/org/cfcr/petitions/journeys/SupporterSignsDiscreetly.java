package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeUtility;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.SigningSettings;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.Leads;
import org.cfcr.petitions.support.ServiceTest;
import org.cfcr.petitions.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.cfcr.petitions.support.Leads.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A supporter whose mail provider the state reads signs a discreet campaign: the emails that signing
 * causes come from a neutral sender and carry a reference code, and no word of the campaign's title
 * (in either language), address or cause; the page the link opens names the campaign. The lead
 * switches the mode in the editor.
 */
@MicronautTest(transactional = false)
class SupporterSignsDiscreetly extends ServiceTest {

    /** The coalition's name on its sender address, which a discreet campaign's emails must leave out. */
    private static final String SERVICE_FROM = "Coalition for Citizens Rights <noreply@mail.example>";
    private static final Pattern REFERENCE = Pattern.compile("\\b[0-9A-Z]{4}-[0-9A-Z]{4}\\b");
    private static final Pattern LINK = Pattern.compile(
            "https?://petitions\\.test/(?:confirm|withdraw)/[A-Za-z0-9_-]+");
    /** The coalition and what it does, in both languages: no more telling than a title. */
    private static final List<String> WORDS_OF_THE_CAUSE = List.of("coalition", "citizens", "rights", "petition",
            "campaign", "signature", "公民", "自由", "联盟", "联署", "签名", "签署");

    @Inject
    Leads leads;

    @Inject
    SigningSettings signing;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.mail.from", SERVICE_FROM);
    }

    Stream<Arguments> campaignsAndLanguages() {
        String[] assets = {"officials-report-assets", "Government Officials Must Report Their Assets", "政府官员必须申报财产",
                "The National People's Congress of the People's Republic of China", "中华人民共和国全国人民代表大会"};
        String[] prisoners = {"free-liu-xiaobo-chen-guangcheng", "Freedom for Liu Xiaobo and Chen Guangcheng",
                "释放刘晓波和陈光诚", "The Government of the People's Republic of China", "中华人民共和国政府"};
        return Stream.of(Arguments.of(assets, "en"), Arguments.of(assets, "zh"),
                Arguments.of(prisoners, "en"), Arguments.of(prisoners, "zh"));
    }

    @ParameterizedTest
    @MethodSource("campaignsAndLanguages")
    void a_discreet_campaigns_emails_name_neither_it_nor_its_cause_and_its_page_does(String[] texts, String lang) {
        Campaign campaign = discreetCampaign(texts);
        Set<String> forbidden = forbiddenWords(campaign);
        String email = uniqueEmail("watched");
        Lang language = Lang.valueOf(lang.toUpperCase(Locale.ROOT));
        Browser supporter = browser().acceptLanguage(lang.equals("zh") ? "zh-CN,zh;q=0.9" : "en-GB,en;q=0.9");

        Browser.Page signed = supporter.sign(campaign.slug(), signer("Test Signer", email));
        assertEquals(303, signed.status(), signed.body());
        assertEquals("/campaigns/" + campaign.slug() + "/check-email", signed.location(),
                "the reference is not in the answer: whoever submits an address would learn it");
        String check = supporter.get(signed.location()).html().select("main").text();
        assertTrue(check.contains("Confirmation service"), "after signing, the page says which sender to look for: " + check);

        TestMailServer.Mail confirmation = TestMailServer.awaitMessage(email);
        String reference = referenceIn(confirmation.subject());
        assertFalse(check.contains(reference), check);
        assertDiscreet(confirmation, forbidden, reference, campaign);
        assertEquals(lang.equals("zh") ? "请确认您的申请（编号 " + reference + "）"
                : "Please confirm your request (ref. " + reference + ")", confirmation.subject());

        String link = confirmLink(confirmation);
        Browser.Page confirmPage = supporter.get(URI.create(link).getPath());
        assertEquals(200, confirmPage.status());
        String shown = confirmPage.html().select("main").text();
        assertTrue(shown.contains(campaign.title(language)),
                "the page the link opens names the campaign: " + shown);
        assertTrue(shown.contains(reference), "and shows the reference the email carried: " + shown);
        assertEquals(303, supporter.confirm(link).status());
        eventually(Duration.ofSeconds(2), () -> countOf(campaign) == 1, "the confirmed signature counts");
        Browser.Page withdrawPage = supporter.get(URI.create(withdrawLink(confirmation)).getPath());
        assertTrue(withdrawPage.body().contains(campaign.title(language)),
                "the removal page names the campaign too");

        clock.advance(signing.resendInterval());
        Browser.Page again = browser().acceptLanguage(lang.equals("zh") ? "zh-CN" : "en")
                .sign(campaign.slug(), signer("Someone Else", email.toUpperCase(Locale.ROOT)));
        assertEquals(signed.location(), again.location(), "signing again answers the same, and nothing more");
        TestMailServer.Mail alreadySigned = TestMailServer.awaitMessages(email, 2, Duration.ofSeconds(10)).get(1);
        assertDiscreet(alreadySigned, forbidden, reference, campaign);
        assertEquals(lang.equals("zh") ? "您的申请已经确认（编号 " + reference + "）"
                : "Your request is already confirmed (ref. " + reference + ")", alreadySigned.subject());
    }

    @Test
    void each_signer_has_a_reference_of_their_own_which_only_their_mailbox_learns() {
        Campaign campaign = discreetCampaign(new String[]{"release-them", "Release the prisoners", "释放囚犯",
                "The Government", "政府"});
        Campaign other = discreetCampaign(new String[]{"release-them", "Release the prisoners", "释放囚犯",
                "The Government", "政府"});
        String first = uniqueEmail("first");
        String second = uniqueEmail("second");

        Browser.Page accepted = signJson(browser(), campaign, first);
        assertEquals("{\"status\":\"pending_confirmation\"}", accepted.body(),
                "the API does not give the code: a code read in a mailbox must not be matched to its campaign "
                        + "by submitting the address to each");
        String firstReference = referenceIn(TestMailServer.awaitMessage(first).subject());
        signJson(browser(), campaign, second);
        String secondReference = referenceIn(TestMailServer.awaitMessage(second).subject());
        signJson(browser(), other, first);
        String elsewhere = referenceIn(TestMailServer.awaitMessages(first, 2, Duration.ofSeconds(10)).get(1).subject());

        assertNotEquals(firstReference, secondReference, "a code read in one mailbox says nothing of another's");
        assertNotEquals(firstReference, elsewhere, "nor links one signer's two campaigns");
    }

    @Test
    void a_campaign_that_is_not_discreet_is_named_in_its_emails_as_before() {
        Campaign campaign = openCampaign();
        String email = uniqueEmail("open");
        Browser supporter = browser();

        Browser.Page signed = supporter.sign(campaign.slug(), signer("Open Supporter", email));
        assertEquals("/campaigns/" + campaign.slug() + "/check-email", signed.location(), "no reference to show");
        assertFalse(supporter.get(signed.location()).body().contains("Confirmation service"));

        TestMailServer.Mail mail = TestMailServer.awaitMessage(email);
        assertEquals("Please confirm your signature: Release the prisoners", mail.subject());
        assertEquals(SERVICE_FROM, from(mail));
        assertTrue(mail.text().contains("/campaigns/") || mail.text().contains("Release the prisoners"), mail.text());
        assertEquals("{\"status\":\"pending_confirmation\"}", signJson(browser(), campaign, uniqueEmail("api")).body());
    }

    @Test
    void a_new_campaign_is_discreet_and_its_lead_switches_that_off_and_on_in_the_editor() {
        Browser lead = leads.signedIn(leads.account(Role.LEAD));
        Browser.Page blank = lead.get("/admin/campaigns/new");
        assertTrue(blank.html().selectFirst("input[name=discreet]").hasAttr("checked"), "ticked for a new campaign");
        assertTrue(blank.html().text().contains("name neither this campaign nor its cause"), "and explained");

        String slug = "discreet-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = Leads.campaignForm(slug);
        form.put("discreet", "on");
        form.put("discreetShown", "true");
        Browser.Page created = submit(lead, "/admin/campaigns/new", "/admin/campaigns", form);
        assertEquals(303, created.status(), created.body());
        String path = URI.create(created.location()).getPath();
        long id = idIn(path);
        assertTrue(campaigns.findById(id).orElseThrow().discreet());
        String statusLine = lead.get(path).html().select(".status-line .badge").text();
        assertTrue(statusLine.contains("Discreet emails"), statusLine);

        form.remove("discreet"); // the box unticked: a browser sends nothing for it
        assertEquals(303, submit(lead, path + "/edit", path + "/edit", form).status());
        assertFalse(campaigns.findById(id).orElseThrow().discreet());
        assertFalse(lead.get(path + "/edit").html().selectFirst("input[name=discreet]").hasAttr("checked"));
        assertEquals(1, queryLong("SELECT COUNT(*) FROM audit_event WHERE campaign_id = ? "
                + "AND action = 'campaign.edited' AND detail LIKE '%discreet: true → false%'", id),
                "the change is on record");

        Map<String, String> olderForm = Leads.campaignForm(slug); // an editor opened before the box existed
        olderForm.put("goal", "6000");
        assertEquals(303, submit(lead, path + "/edit", path + "/edit", olderForm).status());
        assertFalse(campaigns.findById(id).orElseThrow().discreet(), "a form without the box leaves the setting alone");
        assertEquals(6000, campaigns.findById(id).orElseThrow().goal());

        form.put("discreet", "on");
        assertEquals(303, submit(lead, path + "/edit", path + "/edit", form).status());
        assertTrue(campaigns.findById(id).orElseThrow().discreet());

        Map<String, String> blankForm = Leads.campaignForm("never-" + UUID.randomUUID().toString().substring(0, 8));
        Browser.Page fromOlderPage = submit(lead, "/admin/campaigns/new", "/admin/campaigns", blankForm);
        assertTrue(campaigns.findById(idIn(URI.create(fromOlderPage.location()).getPath())).orElseThrow().discreet(),
                "a new campaign from a form without the box is discreet");
        assertTrue(lead.get("/admin/campaigns/new?lang=zh").html().text().contains("给签名者的邮件隐去联署名称"), "in Chinese too");
    }

    /** Subject, sender, both parts and every header: the reference, and nothing of the campaign. */
    private void assertDiscreet(TestMailServer.Mail mail, Set<String> forbidden, String reference, Campaign campaign) {
        assertEquals("Confirmation service <noreply@mail.example>", from(mail), "a neutral sender, not the coalition");
        assertTrue(mail.subject().contains(reference), mail.subject());
        assertTrue(mail.text().contains(reference), mail.text());
        assertTrue(mail.html().contains(reference), mail.html());
        Map<String, String> parts = new HashMap<>();
        parts.put("subject", mail.subject());
        parts.put("sender", from(mail));
        parts.put("text", mail.text());
        parts.put("html", mail.html());
        parts.put("headers", mail.headers().toString());
        parts.forEach((part, content) -> {
            assertFalse(content.contains(campaign.slug()), part + " holds the campaign's address: " + content);
            assertFalse(content.contains("/campaigns/"), part + " links to a campaign: " + content);
            // the links' random tokens and the reference are not words; anything else is read
            String words = LINK.matcher(content).replaceAll(" ").replace(reference, " ").toLowerCase(Locale.ROOT);
            for (String word : forbidden) {
                assertFalse(words.contains(word), part + " holds \"" + word + "\": " + content);
            }
        });
    }

    /**
     * What a discreet email must not hold: each word of more than three letters of the English title
     * and target, the Chinese title and target and every two characters of them, and the cause's words.
     */
    private static Set<String> forbiddenWords(Campaign campaign) {
        Set<String> words = new LinkedHashSet<>(WORDS_OF_THE_CAUSE);
        for (String english : new String[]{campaign.titleEn(), campaign.targetEn()}) {
            for (String word : english.split("[^\\p{L}]+")) {
                if (word.length() > 3) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String chinese : new String[]{campaign.titleZh(), campaign.targetZh()}) {
            words.add(chinese);
            for (int i = 0; i + 2 <= chinese.length(); i++) {
                words.add(chinese.substring(i, i + 2));
            }
        }
        return words;
    }

    private Campaign discreetCampaign(String[] texts) {
        String slug = texts[0] + "-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        return campaigns.save(new Campaign(null, slug, CampaignState.OPEN, 1000, null, null, texts[1], texts[2],
                "Public servants must tell the public what they own.", "公职人员必须申报财产。", "First paragraph.",
                "第一段。", texts[3], texts[4], true, now, now));
    }


    private static long idIn(String campaignPath) {
        return Long.parseLong(campaignPath.substring(campaignPath.lastIndexOf('/') + 1));
    }

    private static String referenceIn(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group();
    }

    /** The From line as a mail program shows it. */
    private static String from(TestMailServer.Mail mail) {
        try {
            return MimeUtility.decodeText(mail.header("from"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
