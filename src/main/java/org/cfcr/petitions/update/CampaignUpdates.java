package org.cfcr.petitions.update;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.i18n.Lang;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Updates written by leads. Writing one only queues its mailing ({@link UpdateMailer} does the
 * rest in the background), so the page answers at once whatever the number of recipients.
 */
@Singleton
public class CampaignUpdates {

    private static final String COLUMNS = "id, campaign_id, title_en, title_zh, body_en, body_zh, created_at, "
            + "mailing_state, recipients, queued_at";

    private final Sql sql;
    private final AuditLog audit;
    private final Clock clock;
    /** The public campaign page shows updates; a crowd reads them from here. */
    private final LoadingCache<Long, List<CampaignUpdate>> published;

    CampaignUpdates(Sql sql, AuditLog audit, Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sql = sql;
        this.audit = audit;
        this.clock = clock;
        this.published = Caches.builder().maximumSize(10_000).refreshAfterWrite(Duration.ofSeconds(5))
                .build(Caches.reloadingOn(blocking, this::forCampaign));
    }

    static CampaignUpdate map(ResultSet row) throws SQLException {
        return new CampaignUpdate(row.getLong("id"), row.getLong("campaign_id"), row.getString("title_en"),
                row.getString("title_zh"), row.getString("body_en"), row.getString("body_zh"),
                Sql.instant(row, "created_at"), MailingState.valueOf(row.getString("mailing_state")),
                row.getInt("recipients"), Sql.instant(row, "queued_at"));
    }

    /** Why no update can be sent for the campaign now (a message key), or empty when one can. */
    public Optional<String> refusal(Campaign campaign) {
        // a draft has no signers yet, and its page is not public to link to
        return campaign.state() == CampaignState.DRAFT ? Optional.of("admin.update.refused.draft") : Optional.empty();
    }

    @Transactional
    public CampaignUpdate write(Campaign campaign, UpdateForm form, long author) {
        refusal(campaign).ifPresent(why -> {
            throw new IllegalStateException("No update for campaign " + campaign.id() + " now: " + why);
        });
        long campaignId = campaign.id();
        Instant now = Instant.now(clock);
        long id = sql.insert("INSERT INTO campaign_update (campaign_id, title_en, title_zh, body_en, body_zh, created_by, "
                        + "created_at, mailing_state, next_signature_id, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
                campaignId, UpdateForm.text(form.titleEn()), UpdateForm.text(form.titleZh()),
                UpdateForm.text(form.bodyEn()), UpdateForm.text(form.bodyZh()), author, now, MailingState.QUEUED);
        audit.record(author, campaignId, "update.sent", "update " + id + " \"" + UpdateForm.text(form.titleEn()) + "\"");
        published.invalidate(campaignId);
        return find(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<CampaignUpdate> find(long id) {
        return sql.one("SELECT " + COLUMNS + " FROM campaign_update WHERE id = ?", CampaignUpdates::map, id);
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public List<CampaignUpdate> forCampaign(long campaignId) {
        return sql.list("SELECT " + COLUMNS + " FROM campaign_update WHERE campaign_id = ? ORDER BY id DESC LIMIT 100",
                CampaignUpdates::map, campaignId);
    }

    /** For the public page: a few seconds old at most. */
    public List<CampaignUpdate> published(long campaignId) {
        try {
            return published.get(campaignId);
        } catch (RuntimeException databaseTrouble) {
            return List.of(); // the page still shows the campaign and its form
        }
    }

    /** The published updates of a campaign in one language, for its public page. */
    public List<CampaignUpdate.View> publishedIn(long campaignId, Lang lang) {
        return published(campaignId).stream().map(update -> update.view(lang)).toList();
    }

    /** A mailing being queued: its update, campaign, and the last signature it has reached. */
    record Mailing(long id, long campaignId, long nextSignatureId) {
    }

    /** The oldest mailing with work left, locked; another node's claimed mailing is skipped. */
    Optional<Mailing> claimMailing() {
        return sql.one("SELECT id, campaign_id, next_signature_id FROM campaign_update "
                        + "WHERE mailing_state = ? ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                row -> new Mailing(row.getLong("id"), row.getLong("campaign_id"), row.getLong("next_signature_id")),
                MailingState.QUEUED);
    }

    /** The mailing has reached this signature, with this many more recipients. */
    void mailingQueued(long id, long lastSignatureId, int recipients) {
        sql.update("UPDATE campaign_update SET next_signature_id = ?, recipients = recipients + ? WHERE id = ?",
                lastSignatureId, recipients, id);
    }

    void mailingDone(long id, Instant now) {
        sql.update("UPDATE campaign_update SET mailing_state = ?, queued_at = ? WHERE id = ?",
                MailingState.QUEUED_ALL, now, id);
    }
}
