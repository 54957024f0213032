package org.cfcr.petitions.signature;

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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.View;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.campaign.CampaignView;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.kernel.i18n.Countries;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.net.TrustedProxyAddressResolver;
import org.cfcr.petitions.kernel.web.CsrfGuard;
import org.cfcr.petitions.kernel.web.PageException;
import org.cfcr.petitions.kernel.web.SharedPage;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The page behind the link in a confirmation email. Opening it only shows the details the link
 * publishes, in a form the owner of the mailbox may correct, and a button; the button's POST
 * confirms. Each state of the link has its own wording, and its own HTTP status.
 */
@Hidden // a page, not part of the API
@Controller("/confirm/{token}")
// the page's view hands its read in on the event loop and is made on the page threads once read
// (LinkPageReads); the button's click is handed in from the blocking executor (its corrections may
// read the link) and answered on the page threads once committed (ConfirmationBatcher)
class ConfirmPageController {

    private final ConfirmationService confirmations;
    private final CampaignViews views;
    private final LanguageResolver languages;
    private final Countries countries;
    private final ConfirmationBatcher batcher;
    private final LinkValidity linkValidity;
    private final SignatureValidator validator;
    private final TrustedProxyAddressResolver clients;
    private final LinkPageReads.Reader<String, ConfirmationService.LinkStatus> pages;

    ConfirmPageController(ConfirmationService confirmations, ConfirmationBatcher batcher, CampaignViews views,
                          LanguageResolver languages, Countries countries, LinkValidity linkValidity,
                          SignatureValidator validator, TrustedProxyAddressResolver clients, LinkPageReads reads) {
        this.pages = reads.reader("confirm-pages", confirmations::inspectAll);
        this.clients = clients;
        this.linkValidity = linkValidity;
        this.validator = validator;
        this.batcher = batcher;
        this.countries = countries;
        this.confirmations = confirmations;
        this.views = views;
        this.languages = languages;
    }

    @Get
    @View("confirm")
    CompletableFuture<ConfirmPage> show(String token, @QueryValue(defaultValue = "") String done, HttpRequest<?> request) {
        // a made-up link of the wrong shape takes no place among the views waiting for the database
        if (!ConfirmationTokens.hasTokenShape(token)) {
            return CompletableFuture.completedFuture(shown(token, ConfirmationService.LinkStatus.unknown(), done, request));
        }
        return pages.readThen(token, clients.client(request).orElse(null), status -> shown(token, status, done, request));
    }

    private ConfirmPage shown(String token, ConfirmationService.LinkStatus status, String done, HttpRequest<?> request) {
        ConfirmationService.LinkState state = status.state();
        if (state == ConfirmationService.LinkState.ALREADY_CONFIRMED && "1".equals(done)) {
            state = ConfirmationService.LinkState.CONFIRMED_NOW;
        }
        ConfirmationService.SignerPreview signer = state == ConfirmationService.LinkState.READY ? status.signer() : null;
        return page(token, new ConfirmationService.LinkStatus(state, status.campaign(), signer, status.held()),
                signer == null ? null : ConfirmForm.of(signer), Map.of(), request);
    }

    /** The confirm page's form: the details the link publishes, as the owner left them. Any field may be missing or hostile. */
    @Serdeable
    record ConfirmForm(@Nullable String name, @Nullable String city, @Nullable String publicDisplay) {
        static ConfirmForm of(ConfirmationService.SignerPreview signer) {
            return new ConfirmForm(signer.name(), signer.city() == null ? "" : signer.city(), signer.display().name());
        }

        /** A bare press of the button, as an older page or a script sends it: the details as the page showed them. */
        boolean isEmpty() {
            return name == null && city == null && publicDisplay == null;
        }
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    CompletableFuture<HttpResponse<?>> confirm(String token, @Body ConfirmForm form, HttpRequest<?> request) {
        Submission.Corrections corrections = null;
        if (!form.isEmpty()) {
            FieldErrors errors = new FieldErrors();
            corrections = validator.corrections(form.name(), form.city(), form.publicDisplay(), errors);
            ConfirmationService.LinkStatus status = confirmations.inspect(token);
            if (corrections == null && status.state() == ConfirmationService.LinkState.READY) {
                return CompletableFuture.completedFuture(HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                        .body(new ModelAndView<>("confirm", page(token, status, form, errors.asMap(), request))));
            }
        }
        return batcher.confirm(new ConfirmationService.Click(token, corrections), clients.client(request).orElse(null))
                .thenApply(status -> status.state() == ConfirmationService.LinkState.CONFIRMED_NOW
                        // post/redirect/get: reloading the thank-you page does not post again
                        ? HttpResponse.seeOther(URI.create("/confirm/" + token + "?done=1"))
                        : HttpResponse.ok(new ModelAndView<>("confirm", page(token, status, null, Map.of(), request))));
    }

    /**
     * What the confirm page shows; the form with the signer's details only while the link is ready
     * to confirm (formName, formCity, formDisplay: as the link holds them, or as the owner sent
     * them back). shownAs and signerPlace preview the details as the link holds them.
     * <p>
     * One render serves the campaign's links in each state and language: the link's token, the
     * signer's details and the browser's CSRF token are stamped into it per view ({@link SharedPage}).
     * A page that answers the form with its errors is rendered for that visitor alone.
     */
    @Introspected
    record ConfirmPage(String state, String token, String messageKey, boolean held, String linkValidity,
                       @Nullable CampaignView campaign, @Nullable String formName, @Nullable String formCity,
                       @Nullable String formDisplay, @Nullable String shownAs, @Nullable String signerPlace,
                       @Nullable String reference, Map<String, String> errors, PublicDisplay[] displayOptions)
            implements SharedPage {

        /** What the render shows besides the stamps: the state, the campaign, which choice is ticked. */
        record Shared(String state, String messageKey, boolean held, String linkValidity,
                      @Nullable CampaignView campaign, @Nullable String formDisplay) {
        }

        @Override
        public Object sharedRender() {
            // the thank-you page's language switch keeps ?done=1, which a shared switch would not
            boolean thanks = ConfirmationService.LinkState.CONFIRMED_NOW.name().equals(state);
            return errors.isEmpty() && !thanks && SharedPage.needsNoEncoding(token)
                    ? new Shared(state, messageKey, held, linkValidity, campaign, formDisplay) : null;
        }

        @Override
        public List<String> stamped() {
            return List.of("token", CsrfGuard.FIELD, "formName", "formCity", "shownAs", "signerPlace", "reference");
        }
    }

    /** The page for the link's state; states that are not a success carry their own HTTP status. */
    private ConfirmPage page(String token, ConfirmationService.LinkStatus status, @Nullable ConfirmForm form,
                             Map<String, String> errors, HttpRequest<?> request) {
        boolean confirmed = status.state() == ConfirmationService.LinkState.CONFIRMED_NOW
                || status.state() == ConfirmationService.LinkState.ALREADY_CONFIRMED;
        Lang lang = languages.lang(request);
        ConfirmationService.SignerPreview signer = status.signer();
        ConfirmPage page = new ConfirmPage(status.state().name(), token,
                // a held signature's signer hears that it is checked before it counts, never which rule held it
                "confirm." + status.state().name() + (confirmed && status.held() ? ".held" : ""),
                status.held(), linkValidity.in(lang),
                status.campaign() == null ? null : views.of(status.campaign(), lang),
                form == null ? null : form.name(), form == null ? null : form.city(),
                form == null ? null : form.publicDisplay(),
                signer == null ? null : signer.publicName(), signer == null ? null : place(signer, lang),
                signer == null ? null : signer.reference(), errors, PublicDisplay.values());
        HttpStatus httpStatus = httpStatus(status.state());
        if (httpStatus != HttpStatus.OK) {
            throw new PageException(httpStatus, "confirm", page);
        }
        return page;
    }

    /** The city only beside a name that is shown; a hidden signer's city would narrow them down. */
    private String place(ConfirmationService.SignerPreview signer, Lang lang) {
        return signer.city() == null || signer.publicName() == null ? countries.name(signer.country(), lang)
                : signer.city() + ", " + countries.name(signer.country(), lang);
    }

    private static HttpStatus httpStatus(ConfirmationService.LinkState state) {
        return switch (state) {
            case READY, CONFIRMED_NOW, ALREADY_CONFIRMED -> HttpStatus.OK;
            case EXPIRED -> HttpStatus.GONE;
            case CAMPAIGN_CLOSED -> HttpStatus.CONFLICT;
            case UNKNOWN -> HttpStatus.NOT_FOUND;
        };
    }
}
