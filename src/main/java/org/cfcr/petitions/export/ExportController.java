package org.cfcr.petitions.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.SignedInSession;
import org.cfcr.petitions.account.StepUps;
import org.cfcr.petitions.account.ManagedCampaign;
import org.cfcr.petitions.campaign.Campaign;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.Optional;

/**
 * Signature exports for the leads of a campaign: from the admin pages (login session) and from
 * scripts ({@code Authorization: Bearer} with a personal API token). Same file, same filters,
 * same record of who took it.
 * <p>
 * On the admin pages an export starts only with a POST of the campaign page's form (its CSRF
 * token, from our own origin): a link or an image on another site, which the browser would send
 * with the session cookie, cannot start one. The response is the file itself, so it works
 * without JavaScript. The API's export stays a GET: its bearer token is no cookie, and no other
 * site can make a browser send it.
 */
@Tag(name = "Lead exports")
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ExportController {

    private final SignatureExport export;
    private final StepUps stepUps;

    ExportController(SignatureExport export, StepUps stepUps) {
        this.export = export;
        this.stepUps = stepUps;
    }

    /** The export form's fields, as the campaign page sends them. */
    @Serdeable
    record ExportForm(@Nullable String status, @Nullable String from, @Nullable String to, @Nullable String updates) {
    }

    @io.swagger.v3.oas.annotations.Hidden
    @Post("/admin/campaigns/{id}/export.csv")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ManagedCampaign
    HttpResponse<?> fromPage(long id, Campaign campaign, @Body ExportForm form, Account account,
                             SignedInSession session) {
        // every export carries signers' email addresses: the second factor again first
        Optional<HttpResponse<?>> stepUp = stepUps.demand(session, "/admin/campaigns/" + id);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        ExportFilters filters = ExportFilters.parse(form.status(), form.from(), form.to(), form.updates());
        return export.download(campaign, filters, account.id(), "page");
    }

    /** An old link or bookmark to the export: the campaign's page, whose form starts one. */
    @io.swagger.v3.oas.annotations.Hidden
    @Get("/admin/campaigns/{id}/export.csv")
    HttpResponse<?> formOnThePage(long id) {
        return HttpResponse.seeOther(URI.create("/admin/campaigns/" + id + "#export-heading"));
    }

    @Operation(summary = "Signatures of a campaign you lead, as CSV",
            description = "Needs a personal API token (Admin → Your account → API tokens): "
                    + "`curl -H \"Authorization: Bearer TOKEN\" $BASE/api/v1/campaigns/{slug}/signatures.csv`. "
                    + "UTF-8 with a byte-order mark; cells that a spreadsheet would run as a formula start with an apostrophe. "
                    + "Every export is recorded.",
            security = @SecurityRequirement(name = "bearer"))
    @Get("/api/v1/campaigns/{slug}/signatures.csv")
    @ManagedCampaign
    HttpResponse<Flux<byte[]>> fromApi(@Parameter(description = "the campaign's slug") String slug,
                                       @Parameter(hidden = true) Campaign campaign,
                                       @Parameter(description = "confirmed (default) or all (also unconfirmed)")
                                       @Nullable @QueryValue String status,
                                       @Parameter(description = "first day signed, yyyy-mm-dd (UTC)")
                                       @Nullable @QueryValue String from,
                                       @Parameter(description = "last day signed, yyyy-mm-dd (UTC)")
                                       @Nullable @QueryValue String to,
                                       @Parameter(description = "only: just the signers who asked for updates")
                                       @Nullable @QueryValue String updates,
                                       Account account) {
        ExportFilters filters = ExportFilters.parse(status, from, to, updates);
        return export.download(campaign, filters, account.id(), "api");
    }
}
