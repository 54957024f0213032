package org.cfcr.petitions.admin;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.account.SignedInSession;
import org.cfcr.petitions.account.StepUps;
import org.cfcr.petitions.account.ManagedCampaign;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignEditor;
import org.cfcr.petitions.campaign.CampaignForm;
import org.cfcr.petitions.campaign.CampaignLifecycle;
import org.cfcr.petitions.campaign.CampaignState;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.web.Enums;
import org.cfcr.petitions.site.CampaignPage;
import org.cfcr.petitions.update.CampaignUpdate;
import org.cfcr.petitions.update.CampaignUpdates;
import org.cfcr.petitions.update.UpdateForm;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lead's work on one campaign: the dashboard, the bilingual editor with a preview, publishing
 * and closing, updates to signers, and (for admins) who leads it. Every form is CSRF-checked and
 * every change recorded; a campaign the account does not manage is "not found".
 */
@Hidden
@Controller("/admin/campaigns")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class CampaignAdminController {

    private final CampaignEditor editor;
    private final CampaignLifecycle lifecycle;
    private final CampaignDashboard dashboard;
    private final CampaignUpdates updates;
    private final CampaignViews views;
    private final AuditLog audit;
    private final AuditNames names;
    private final Accounts accounts;
    private final StepUps stepUps;
    private final Clock clock;

    CampaignAdminController(CampaignEditor editor, CampaignLifecycle lifecycle,
                            CampaignDashboard dashboard, CampaignUpdates updates, CampaignViews views, AuditLog audit, AuditNames names,
                            Accounts accounts, StepUps stepUps, Clock clock) {
        this.stepUps = stepUps;
        this.editor = editor;
        this.lifecycle = lifecycle;
        this.dashboard = dashboard;
        this.updates = updates;
        this.views = views;
        this.audit = audit;
        this.names = names;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Serdeable
    record StateForm(@Nullable String target) {
    }

    @Serdeable
    record LeadForm(@Nullable String accountId, @Nullable String action) {
    }

    @Get("/new")
    HttpResponse<?> newForm(Account me) {
        return editorPage(HttpStatus.OK, me, null, CampaignForm.blank(), Map.of());
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(@Body CampaignForm form, Account me) {
        Map<String, String> errors = form.errors();
        if (!errors.isEmpty()) {
            return editorPage(HttpStatus.UNPROCESSABLE_ENTITY, me, null, form, errors);
        }
        try {
            Campaign created = editor.create(form, me.id(), me.role() == Role.LEAD);
            return HttpResponse.seeOther(URI.create("/admin/campaigns/" + created.id()));
        } catch (CampaignEditor.SlugTakenException taken) {
            return editorPage(HttpStatus.CONFLICT, me, null, form, Map.of("slug", "admin.campaign.error.slugTaken"));
        }
    }

    /** The new-campaign form again, its empty Traditional Chinese fields drafted from the Simplified ones; nothing saved. */
    @Post("/new/traditional-draft")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> draftNew(@Body CampaignForm form, Account me) {
        return drafted(me, null, form, form.errors());
    }

    @Get("/{id}")
    @ManagedCampaign
    HttpResponse<?> show(long id, Campaign campaign, Account me) {
        return overview(HttpStatus.OK, me, campaign, null, UpdateForm.blank(), Map.of());
    }

    @Get("/{id}/edit")
    @ManagedCampaign
    HttpResponse<?> edit(long id, Campaign campaign, Account me) {
        return editorPage(HttpStatus.OK, me, campaign, CampaignForm.of(campaign), Map.of());
    }

    @Post("/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ManagedCampaign
    HttpResponse<?> update(long id, Campaign campaign, @Body CampaignForm form, Account me) {
        Map<String, String> errors = editor.errors(campaign, form);
        if (!errors.isEmpty()) {
            return editorPage(HttpStatus.UNPROCESSABLE_ENTITY, me, campaign, form, errors);
        }
        try {
            editor.update(id, form, me.id());
            return HttpResponse.seeOther(URI.create("/admin/campaigns/" + id));
        } catch (CampaignEditor.SlugTakenException taken) {
            return editorPage(HttpStatus.CONFLICT, me, campaign, form, Map.of("slug", "admin.campaign.error.slugTaken"));
        }
    }

    /** The editor again, its empty Traditional Chinese fields drafted from the Simplified ones; nothing saved. */
    @Post("/{id}/edit/traditional-draft")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ManagedCampaign
    HttpResponse<?> draft(long id, Campaign campaign, @Body CampaignForm form, Account me) {
        // a draft is how a stale Traditional text is mended: only what the form holds is checked
        return drafted(me, campaign, form, editor.formErrors(campaign, form));
    }

    /** The editor with the draft, once the form's texts are checked (nothing is converted that could not be saved). */
    private HttpResponse<?> drafted(Account me, @Nullable Campaign campaign, CampaignForm form, Map<String, String> errors) {
        return errors.isEmpty() ? editorPage(HttpStatus.OK, me, campaign, form.withTraditionalDraft(), Map.of())
                : editorPage(HttpStatus.UNPROCESSABLE_ENTITY, me, campaign, form, errors);
    }

    /** The public page as it will look, in any language, with the sign form left out. */
    @Get("/{id}/preview")
    @ManagedCampaign
    HttpResponse<?> preview(long id, Campaign campaign, HttpRequest<?> request) {
        Lang lang = request.getParameters().getFirst("lang").flatMap(Lang::fromCode).orElse(Lang.EN);
        return HttpResponse.ok(new ModelAndView<>("campaign", CampaignPage.preview(views.of(campaign, lang), id,
                updates.forCampaign(id).stream().map(update -> update.view(lang)).toList())));
    }

    @Post("/{id}/state")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ManagedCampaign
    HttpResponse<?> changeState(long id, Campaign campaign, @Body StateForm form, Account me) {
        Optional<CampaignState> target = Enums.named(CampaignState.class, form.target());
        Optional<String> refusal = target.isEmpty() ? Optional.of("admin.state.refused.unknown")
                : lifecycle.move(campaign.id(), target.get(), me.id());
        if (refusal.isPresent()) {
            return overview(HttpStatus.CONFLICT, me, campaign, refusal.get(), UpdateForm.blank(), Map.of());
        }
        return HttpResponse.seeOther(URI.create("/admin/campaigns/" + campaign.id()));
    }

    @Post("/{id}/updates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ManagedCampaign
    HttpResponse<?> writeUpdate(long id, Campaign campaign, @Body UpdateForm form, Account me) {
        Map<String, String> errors = form.errors();
        if (!errors.isEmpty()) {
            return overview(HttpStatus.UNPROCESSABLE_ENTITY, me, campaign, null, form, errors);
        }
        Optional<String> refusal = updates.refusal(campaign);
        if (refusal.isPresent()) {
            return overview(HttpStatus.CONFLICT, me, campaign, refusal.get(), form, Map.of());
        }
        updates.write(campaign, form, me.id());
        return HttpResponse.seeOther(URI.create("/admin/campaigns/" + campaign.id() + "#updates"));
    }

    @Post("/{id}/leads")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ManagedCampaign
    HttpResponse<?> leads(long id, Campaign campaign, @Body LeadForm form, Account me, SignedInSession session) {
        AdminOnly.require(me);
        // a new lead of a campaign may export its signers: the second factor again first
        Optional<HttpResponse<?>> stepUp = stepUps.demand(session, "/admin/campaigns/" + id);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        long accountId;
        try {
            accountId = Long.parseLong(form.accountId() == null ? "" : form.accountId());
        } catch (NumberFormatException e) {
            return overview(HttpStatus.UNPROCESSABLE_ENTITY, me, campaign, "admin.leads.error.choose", UpdateForm.blank(), Map.of());
        }
        Optional<Account> lead = accounts.find(accountId).filter(account -> account.role() == Role.LEAD);
        if (lead.isEmpty()) {
            return overview(HttpStatus.UNPROCESSABLE_ENTITY, me, campaign, "admin.leads.error.choose", UpdateForm.blank(), Map.of());
        }
        if ("remove".equals(form.action())) {
            accounts.unassign(accountId, id, me.id());
        } else {
            accounts.assign(accountId, id, me.id());
        }
        return HttpResponse.seeOther(URI.create("/admin/campaigns/" + id + "#leads"));
    }

    private HttpResponse<?> overview(HttpStatus status, Account me, Campaign campaign, @Nullable String refusal,
                                     UpdateForm updateForm, Map<String, String> updateErrors) {
        CampaignState state = campaign.effectiveState(Instant.now(clock));
        Optional<String> openRefusal = lifecycle.refusal(campaign, CampaignState.OPEN);
        return HttpResponse.status(status).body(new ModelAndView<>("admin/campaign", new OverviewPage(me, campaign,
                state.name(), openRefusal.isEmpty(), openRefusal.orElse(""), state == CampaignState.OPEN,
                dashboard.of(campaign.id()), updates.forCampaign(campaign.id()), updateForm, updateErrors,
                names.of(audit.forCampaign(campaign.id(), 30)), refusal,
                me.isAdmin() ? accounts.leadsOf(campaign.id()) : null,
                me.isAdmin() ? accounts.leadsToAdd(campaign.id()) : null)));
    }

    private HttpResponse<?> editorPage(HttpStatus status, Account me, @Nullable Campaign campaign, CampaignForm form,
                                       Map<String, String> errors) {
        return HttpResponse.status(status).body(new ModelAndView<>("admin/edit", new EditorPage(me, form, errors,
                campaign == null, campaign == null || campaign.state() == CampaignState.DRAFT, campaign)));
    }

    /**
     * A lead's campaign: its state and what may be done with it, the dashboard, updates and their
     * mailings, recent changes; for admins, who leads it.
     *
     * @param refusal    why the last action was refused (a message key)
     * @param leads      null unless an admin is looking
     */
    @Introspected
    record OverviewPage(Account me, Campaign campaign, String state, boolean canOpen, String openRefusal,
                        boolean canClose, CampaignDashboard.Dashboard dashboard, List<CampaignUpdate> updates,
                        UpdateForm updateForm, Map<String, String> updateErrors, List<AuditLog.Event> events,
                        @Nullable String refusal, @Nullable List<Account> leads, @Nullable List<Account> otherLeads) {
    }

    /** The bilingual editor, for a new campaign (campaign null) or an existing one. */
    @Introspected
    record EditorPage(Account me, CampaignForm form, Map<String, String> errors, boolean isNew, boolean slugEditable,
                      @Nullable Campaign campaign) {
    }
}
