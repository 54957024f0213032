package org.cfcr.petitions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.count.PublicCounts;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.net.TrustedProxyAddressResolver;
import org.cfcr.petitions.kernel.web.ApiErrors;
import org.cfcr.petitions.signature.SignatureSubmission;
import org.cfcr.petitions.signature.SignerDirectory;
import org.cfcr.petitions.signature.Signing;
import org.cfcr.petitions.signature.SigningService;
import org.cfcr.petitions.signature.screening.AbuseSettings;
import org.cfcr.petitions.signature.screening.CampaignChallenges;
import org.cfcr.petitions.signature.screening.FormEvidence;
import org.cfcr.petitions.signature.screening.FormTokens;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Signing through JSON, and the public signer list. JSON only: a cross-site HTML form cannot send
 * {@code application/json}, which is what keeps this endpoint free of CSRF without a token.
 */
@Tag(name = "Signing")
@Controller("/api/v1/campaigns/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
class SignatureApiController {

    private final Signing signing;
    private final SigningService campaigns;
    private final CampaignCatalog catalog;
    private final SignerDirectory directory;
    private final PublicCounts counts;
    private final LanguageResolver languages;
    private final TrustedProxyAddressResolver clients;
    private final ApiErrors errors;
    private final FormTokens formTokens;
    private final CampaignChallenges challenges;
    private final int challengeBits;

    SignatureApiController(Signing signing, SigningService campaigns, CampaignCatalog catalog, SignerDirectory directory,
                           PublicCounts counts, LanguageResolver languages, TrustedProxyAddressResolver clients,
                           ApiErrors errors, FormTokens formTokens, CampaignChallenges challenges, AbuseSettings abuse) {
        this.signing = signing;
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.directory = directory;
        this.counts = counts;
        this.languages = languages;
        this.clients = clients;
        this.errors = errors;
        this.formTokens = formTokens;
        this.challenges = challenges;
        this.challengeBits = abuse.challengeBits();
    }

    @Serdeable
    record SignatureJson(@Nullable String name, @Nullable String email, @Nullable String country, @Nullable String city,
                         @Nullable String publicDisplay,
                         // read as whatever JSON value came, so that "yes" or 1 is refused rather than read as false
                         @Schema(type = "boolean") @Nullable Object emailUpdates,
                         @Nullable String lang, @Nullable String formToken, @Nullable String proof) {
        SignatureSubmission toSubmission() {
            String updates = emailUpdates == null ? null
                    : emailUpdates instanceof Boolean yesOrNo ? yesOrNo.toString() : "not a boolean";
            return new SignatureSubmission(name, email, country, city, publicDisplay, updates, lang);
        }
    }

    @Serdeable
    record Accepted(String status) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FormTokenJson(String formToken, boolean challengeRequired, int challengeBits) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Signer(@Nullable String name, String country, @Nullable String city, @Nullable String signedOn) {
    }

    /** items is always there, [] for a campaign no one has signed yet, as README documents. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SignerPage(List<Signer> items, long total, int page, int size) {
    }

    @Operation(summary = "Sign a campaign",
            description = "The signature counts once the signer opens the link in the email we send and confirms. "
                    + "The answer is the same whether or not the address has signed before.")
    @ApiResponse(responseCode = "202", description = "{\"status\":\"pending_confirmation\"}: check your email. "
            + "A discreet campaign's emails name neither it nor its cause; the answer does not give the reference "
            + "code they carry (whoever submits an address would learn it)")
    @ApiResponse(responseCode = "400", description = "Missing or wrong fields, each with a message; nothing saved")
    @ApiResponse(responseCode = "404", description = "No open or closed campaign has this slug")
    @ApiResponse(responseCode = "409", description = "The campaign is closed")
    @ApiResponse(responseCode = "415", description = "Not sent as application/json")
    @ApiResponse(responseCode = "429", description = "Too many signatures wait from this network (/24, IPv6 /64); nothing "
            + "saved, send it again after Retry-After")
    @ApiResponse(responseCode = "503", description = "The service cannot take signatures right now (its queue is full, or "
            + "the database is unavailable); nothing saved, send it again after Retry-After")
    @Post("/signatures")
    @Consumes(MediaType.APPLICATION_JSON)
    CompletableFuture<HttpResponse<?>> sign(String slug, @Body SignatureJson body, HttpRequest<?> request) {
        return signing.sign(slug, body.toSubmission(), FormEvidence.api(body.formToken(), body.proof()),
                clients.client(request).orElse(null), languages.lang(request)).thenApply(result ->
                result instanceof Signing.Refused refused
                        ? errors.badRequest(request, "api.error.invalidSignature", refused.errors().asMap())
                        : HttpResponse.accepted().body(new Accepted("pending_confirmation")));
    }

    @Operation(summary = "A form token, and whether the campaign asks for the proof-of-work challenge",
            description = "Send formToken with the signature. When challengeRequired is true, also send proof: a "
                    + "decimal number n such that SHA-256 of the UTF-8 text formToken|email|n (email trimmed and "
                    + "lower-cased) starts with challengeBits zero bits. Without it the signature is taken but "
                    + "does not count until the campaign's team has checked it. Never cached: each token is new.")
    @Get("/form-token")
    HttpResponse<FormTokenJson> formToken(String slug) {
        Campaign campaign = campaigns.openCampaign(slug);
        return HttpResponse.ok(new FormTokenJson(formTokens.issue(campaign.id()), challenges.isRequired(campaign.id()),
                        challengeBits))
                .header("Cache-Control", "no-store");
    }

    @Operation(summary = "Confirmed signers, newest first, as each chose to be shown",
            description = "name is the full name, the initials, or null for a signer who chose not to be shown. "
                    + "signedOn is the day (UTC, yyyy-mm-dd) the signer confirmed, never the time, and null for a "
                    + "signer who is not shown. size is 1 to 100; pages reach back over the newest 10,000 signers.")
    @ApiResponse(responseCode = "400", description = "page or size out of range")
    @Get("/signers")
    HttpResponse<?> signers(String slug, @QueryValue(defaultValue = "0") String page,
                            @QueryValue(defaultValue = "50") String size, HttpRequest<?> request) {
        Campaign campaign = catalog.requirePublic(slug);
        Integer pageNumber = parse(page, 0, Integer.MAX_VALUE);
        Integer pageSize = parse(size, 1, SignerDirectory.MAX_PAGE_SIZE);
        if (pageNumber == null || pageSize == null || !SignerDirectory.isWithinReach(pageNumber, pageSize)) {
            return errors.badRequest(request, "api.error.paging", Map.of());
        }
        List<Signer> items = directory.page(campaign.id(), pageNumber, pageSize).stream()
                .map(s -> new Signer(s.name(), s.country(), s.city(), s.day()))
                .toList();
        return HttpResponse.ok(new SignerPage(items, counts.confirmed(campaign.id()), pageNumber, pageSize));
    }

    private static Integer parse(String raw, int min, int max) {
        try {
            int value = Integer.parseInt(raw.strip());
            return value < min || value > max ? null : value;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
