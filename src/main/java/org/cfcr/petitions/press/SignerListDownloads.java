package org.cfcr.petitions.press;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.kernel.text.CsvCells;
import org.cfcr.petitions.kernel.web.PageException;
import org.cfcr.petitions.signature.SignatureStore;
import org.cfcr.petitions.signature.SignerDirectory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The public signer list as files for the press: {@code /campaigns/{slug}/signers.csv} and
 * {@code .json}, public fields only (the name as each signer chose, country, city, time), every
 * confirmed signer in order of confirmation. Streamed in batches: constant memory whatever the size,
 * and only a few downloads at once per node, so downloads cannot be used to load the database.
 */
@Tag(name = "Open data")
@Controller("/campaigns/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
class SignerListDownloads {

    static final int BATCH = 2000;
    /** A reader that takes no data for this long loses its download, and its place for others. */
    static final Duration STALLED = Duration.ofSeconds(60);
    private static final String BOM = "\uFEFF";

    private final CampaignCatalog catalog;
    private final SignerDirectory directory;
    private final JsonMapper json;
    private final Semaphore running = new Semaphore(4);

    SignerListDownloads(CampaignCatalog catalog, SignerDirectory directory, JsonMapper json) {
        this.catalog = catalog;
        this.directory = directory;
        this.json = json;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Signer(String name, String country, String city, String signedOn) {
    }

    @Operation(summary = "All confirmed signers as CSV (public fields only, UTF-8 with BOM, formula-safe)")
    @Get("/signers.csv")
    HttpResponse<Flux<String>> csv(String slug) {
        Campaign campaign = campaign(slug);
        // a byte-order mark makes Excel read the file as UTF-8 and show Chinese names right
        Flux<String> body = Flux.just(BOM + "name,country,city,signed_on\r\n")
                .concatWith(batches(campaign, this::csvLines));
        return download(slug, "csv", "text/csv;charset=utf-8", body);
    }

    @Operation(summary = "All confirmed signers as a JSON array (public fields only)")
    @ApiResponse(responseCode = "200", description = "One object a signer: name, country, city, signedOn",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    array = @ArraySchema(schema = @Schema(implementation = Signer.class))))
    @Get("/signers.json")
    HttpResponse<Flux<String>> json(String slug) {
        Campaign campaign = campaign(slug);
        // written a batch at a time, as the CSV is: Micronaut writes a stream as a JSON array, its
        // elements between brackets and commas, and a text as it is, so each batch is one element,
        // its signers joined by commas. A stream of signer objects made a million small writes of a
        // million-signer list (26 s and 550 MB resident, against 9 s for the CSV)
        return download(slug, "json", MediaType.APPLICATION_JSON, batches(campaign, this::jsonElements));
    }

    private <T> HttpResponse<Flux<T>> download(String slug, String extension, String type, Flux<T> body) {
        if (!running.tryAcquire()) {
            throw PageException.error(HttpStatus.SERVICE_UNAVAILABLE, "error.busyDownloads");
        }
        Flux<T> released = body.timeout(STALLED).doFinally(signal -> running.release());
        return HttpResponse.ok(released)
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + slug + "-signers." + extension + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
    }

    private <T> Flux<T> batches(Campaign campaign, Function<SignatureStore.ListBatch, T> render) {
        return Flux.<SignatureStore.ListBatch, SignatureStore.ListCursor>generate(() -> SignatureStore.ListCursor.START,
                        (cursor, sink) -> {
                            SignatureStore.ListBatch batch = directory.after(campaign.id(), cursor, BATCH);
                            if (batch.signers().isEmpty()) {
                                sink.complete();
                            } else {
                                sink.next(batch);
                            }
                            return batch.next();
                        })
                .map(render)
                .subscribeOn(Schedulers.boundedElastic());
    }

    private String csvLines(SignatureStore.ListBatch batch) {
        StringBuilder out = new StringBuilder(batch.signers().size() * 64);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            for (SignatureStore.PublicSigner signer : batch.signers()) {
                printer.printRecord(CsvCells.safe(signer.name()), signer.country(), CsvCells.safe(signer.city()),
                        signer.day());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The batch's signers as the elements of a JSON array, without its brackets. */
    private String jsonElements(SignatureStore.ListBatch batch) {
        List<Signer> signers = batch.signers().stream()
                .map(signer -> new Signer(signer.name(), signer.country(), signer.city(), signer.day()))
                .toList();
        try {
            String array = json.writeValueAsString(signers);
            return array.substring(1, array.length() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Campaign campaign(String slug) {
        return catalog.requirePublic(slug);
    }
}
