package org.cfcr.petitions.admin;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.CampaignAccess;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.count.PublicCounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The first page after login: the campaigns this account manages. */
@Hidden
@Controller("/admin")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminHomeController {

    private final CampaignAccess access;
    private final PublicCounts counts;
    private final Clock clock;

    AdminHomeController(CampaignAccess access, PublicCounts counts, Clock clock) {
        this.access = access;
        this.counts = counts;
        this.clock = clock;
    }

    record Row(long id, String slug, String titleEn, String titleZh, String state, long confirmed, int goal) {
    }

    @Get
    @View("admin/home")
    HomePage home(Account me) {
        Instant now = Instant.now(clock);
        return new HomePage(me, access.manageable(me).stream().map(campaign -> row(campaign, now)).toList());
    }

    /** The campaigns this account manages, with their state and count. */
    @Introspected
    record HomePage(Account me, List<Row> campaigns) {
    }

    private Row row(Campaign campaign, Instant now) {
        return new Row(campaign.id(), campaign.slug(), campaign.titleEn(), campaign.titleZh(),
                campaign.effectiveState(now).name(), counts.confirmed(campaign.id()), campaign.goal());
    }
}
