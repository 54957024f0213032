package org.cfcr.petitions.admin;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.ManagedCampaign;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.checks.BusiestSources;
import org.cfcr.petitions.checks.InvalidationCriteria;
import org.cfcr.petitions.checks.Invalidations;
import org.cfcr.petitions.kernel.i18n.Countries;
import org.cfcr.petitions.kernel.web.Enums;
import org.cfcr.petitions.signature.SignatureStore;
import org.cfcr.petitions.signature.screening.CampaignChallenges;
import org.cfcr.petitions.signature.screening.HeldEmailBudget;
import org.cfcr.petitions.signature.screening.HoldRule;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign's signature checks, for its leads: what the automatic rules hold back (and releasing
 * it), the busiest sources of the last day, invalidating a wave after seeing how many it matches,
 * undoing an invalidation, and the proof-of-work switch.
 */
@Hidden
@Controller("/admin/campaigns/{id}/checks")
@ManagedCampaign
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class SignatureChecksController {

    private final Invalidations invalidations;
    private final BusiestSources busiest;
    private final CampaignChallenges challenges;
    private final HeldEmailBudget heldEmails;
    private final Countries countries;
    private final AuditLog audit;
    private final Clock clock;

    SignatureChecksController(Invalidations invalidations, BusiestSources busiest, CampaignChallenges challenges,
                              HeldEmailBudget heldEmails, Countries countries, AuditLog audit, Clock clock) {
        this.invalidations = invalidations;
        this.busiest = busiest;
        this.challenges = challenges;
        this.heldEmails = heldEmails;
        this.countries = countries;
        this.audit = audit;
        this.clock = clock;
    }

    @Serdeable
    record CriteriaForm(@Nullable String address, @Nullable String host, @Nullable String domain,
                        @Nullable String email, @Nullable String country, @Nullable String from, @Nullable String to) {
        InvalidationCriteria.Form criteria() {
            return new InvalidationCriteria.Form(address, host, domain, email, country, from, to);
        }
    }

    @Serdeable
    record RuleForm(@Nullable String rule) {
    }

    @Serdeable
    record ChallengeForm(@Nullable String mode) {
    }

    /** The page; with criteria in the query, also how many signatures they match (nothing changes). */
    @Get
    HttpResponse<?> show(Campaign campaign, @Nullable @QueryValue String address, @Nullable @QueryValue String host,
                         @Nullable @QueryValue String domain, @Nullable @QueryValue String email,
                         @Nullable @QueryValue String country, @Nullable @QueryValue String from,
                         @Nullable @QueryValue String to, Account me) {
        InvalidationCriteria.Form form = new InvalidationCriteria.Form(address, host, domain, email, country, from, to);
        if (form.isEmpty()) {
            return page(HttpStatus.OK, me, campaign, form, Map.of(), null);
        }
        InvalidationCriteria.Parsed parsed = InvalidationCriteria.parse(form, countries);
        if (parsed instanceof InvalidationCriteria.Invalid invalid) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, me, campaign, form, invalid.errors(), null);
        }
        InvalidationCriteria criteria = ((InvalidationCriteria.Valid) parsed).criteria();
        return page(HttpStatus.OK, me, campaign, form, Map.of(), invalidations.preview(campaign.id(), criteria));
    }

    @Post("/invalidate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> invalidate(Campaign campaign, @Body CriteriaForm body, Account me) {
        InvalidationCriteria.Parsed parsed = InvalidationCriteria.parse(body.criteria(), countries);
        if (parsed instanceof InvalidationCriteria.Invalid invalid) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, me, campaign, body.criteria(), invalid.errors(), null);
        }
        invalidations.invalidate(campaign.id(), ((InvalidationCriteria.Valid) parsed).criteria(), me.id());
        return HttpResponse.seeOther(URI.create("/admin/campaigns/" + campaign.id() + "/checks#invalidations"));
    }

    @Post("/invalidations/{invalidationId}/undo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> undo(Campaign campaign, long invalidationId, Account me) {
        if (!invalidations.undo(campaign.id(), invalidationId, me.id())) {
            return page(HttpStatus.CONFLICT, me, campaign, emptyForm(), Map.of(), null, "admin.checks.undo.gone");
        }
        return HttpResponse.seeOther(URI.create("/admin/campaigns/" + campaign.id() + "/checks#invalidations"));
    }

    @Post("/release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> release(Campaign campaign, @Body RuleForm body, Account me) {
        Optional<HoldRule> rule = Enums.named(HoldRule.class, body.rule());
        if (rule.isEmpty()) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, me, campaign, emptyForm(), Map.of(), null, "admin.checks.release.unknown");
        }
        invalidations.release(campaign.id(), rule.get(), me.id());
        return HttpResponse.seeOther(URI.create("/admin/campaigns/" + campaign.id() + "/checks#held"));
    }

    @Post("/challenge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> challenge(Campaign campaign, @Body ChallengeForm body, Account me) {
        Optional<CampaignChallenges.Mode> mode = Enums.named(CampaignChallenges.Mode.class, body.mode());
        if (mode.isEmpty()) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, me, campaign, emptyForm(), Map.of(), null, "admin.checks.challenge.unknown");
        }
        challenges.choose(campaign.id(), mode.get(), me.id());
        return HttpResponse.seeOther(URI.create("/admin/campaigns/" + campaign.id() + "/checks#challenge"));
    }

    private static InvalidationCriteria.Form emptyForm() {
        return new InvalidationCriteria.Form(null, null, null, null, null, null, null);
    }

    private HttpResponse<?> page(HttpStatus status, Account me, Campaign campaign, InvalidationCriteria.Form form,
                                 Map<String, String> errors, @Nullable Invalidations.Preview preview) {
        return page(status, me, campaign, form, errors, preview, null);
    }

    private HttpResponse<?> page(HttpStatus status, Account me, Campaign campaign, InvalidationCriteria.Form form,
                                 Map<String, String> errors, @Nullable Invalidations.Preview preview,
                                 @Nullable String refusal) {
        CampaignChallenges.Setting setting = challenges.setting(campaign.id());
        Instant until = setting.autoUntil() != null && setting.autoUntil().isAfter(Instant.now(clock))
                ? setting.autoUntil() : null;
        return HttpResponse.status(status).body(new ModelAndView<>("admin/checks", new ChecksPage(me, campaign, form,
                errors, preview, refusal, invalidations.held(campaign.id()), heldEmails.perHour(),
                invalidations.forCampaign(campaign.id()),
                busiest.lastDay(campaign.id()), setting.mode().name(), challenges.isRequired(campaign.id()), until,
                "/admin/campaigns/" + campaign.id() + "/checks")));
    }

    /**
     * A campaign's signature checks.
     *
     * @param preview        how many signatures the criteria in the form would invalidate (nothing changed yet)
     * @param heldEmailsPerHour the emails held signatures may cause per network and per email domain an hour
     * @param challengeUntil when an automatic challenge switches off again, if one is on
     */
    @Introspected
    record ChecksPage(Account me, Campaign campaign, InvalidationCriteria.Form form, Map<String, String> errors,
                      @Nullable Invalidations.Preview preview, @Nullable String refusal,
                      List<SignatureStore.HeldGroup> held, int heldEmailsPerHour,
                      List<Invalidations.Invalidation> invalidations,
                      BusiestSources.Report sources, String challengeMode, boolean challengeActive,
                      @Nullable Instant challengeUntil, String base) {
    }
}
