package org.cfcr.petitions.admin;

import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.campaign.CampaignStore;

import java.util.List;
import java.util.Objects;

/** The audit log as admins read it: each event with the email of who did it and the campaign's slug. */
@Singleton
class AuditNames {

    private final Accounts accounts;
    private final CampaignStore campaigns;

    AuditNames(Accounts accounts, CampaignStore campaigns) {
        this.accounts = accounts;
        this.campaigns = campaigns;
    }

    List<AuditLog.Event> of(List<AuditLog.Event> events) {
        return AuditLog.named(events,
                accounts.emails(events.stream().map(AuditLog.Event::accountId).filter(Objects::nonNull).distinct().toList()),
                campaigns.slugs(events.stream().map(AuditLog.Event::campaignId).filter(Objects::nonNull).distinct().toList()));
    }
}
