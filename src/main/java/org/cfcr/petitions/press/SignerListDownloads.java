package org.cfcr.petitions.press;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
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
    private final Semaphore running = new Semaphore(4);

    SignerListDownloads(CampaignCatalog catalog, SignerDirectory directory) {
        this.catalog = catalog;
        this.directory = directory;
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

    /** Micronaut writes a stream of objects as one JSON array, element by element. */
    @Operation(summary = "All confirmed signers as a JSON array (public fields only)")
    @Get("/signers.json")
    HttpResponse<Flux<Signer>> json(String slug) {
        Campaign campaign = campaign(slug);
        Flux<Signer> items = batches(campaign, batch -> batch.signers().stream()
                .map(signer -> new Signer(signer.name(), signer.country(), signer.city(), signer.day()))
                .toList())
                .flatMapIterable(list -> list);
        return download(slug, "json", MediaType.APPLICATION_JSON, items);
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

    private Campaign campaign(String slug) {
        return catalog.requirePublic(slug);
    }
}
