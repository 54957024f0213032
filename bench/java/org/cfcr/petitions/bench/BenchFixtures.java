package org.cfcr.petitions.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.account.ApiTokens;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.secret.SecretTokens;
import org.cfcr.petitions.kernel.web.CsrfExempt;
import org.cfcr.petitions.mail.Outbox;
import org.cfcr.petitions.signature.ConfirmationTokens;
import org.cfcr.petitions.signature.EmailAddress;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.signature.SignatureOrigin;
import org.cfcr.petitions.signature.SignatureRequest;
import org.cfcr.petitions.signature.SignatureStore;
import org.cfcr.petitions.signature.SignerEmail;
import org.cfcr.petitions.update.UnsubscribeLinks;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signatures in known states for bench/run, made through the store as the service makes them, so
 * that the benchmark keeps no copy of the schema: pending signatures with confirmation links whose
 * tokens bench/confirm.lua can compute, signatures whose confirmation emails are queued at once
 * for the outbox measurement (bench/run, bench/outbox), and a campaign full of confirmed signers
 * with an API token to export them (bench/export). Beside the ceilings, in the benchmark's jar only.
 */
@Hidden
// called by the benchmark's scripts, never from a page's form: no CSRF token, as on the JSON API
@CsrfExempt
@Controller("/bench/fixtures")
@Requires(property = "petitions.bench.ceilings", value = "true")
@Requires(notEnv = "prod")
@ExecuteOn(TaskExecutors.BLOCKING)
class BenchFixtures {

    private static final int BATCH = 1000;

    private final CampaignCatalog catalog;
    private final SignatureStore signatures;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final Accounts accounts;
    private final ApiTokens apiTokens;
    private final ConfirmationTokens confirmationTokens;
    private final UnsubscribeLinks unsubscribeLinks;
    /** Signatures made for a later queueing, by run. */
    private final Map<String, List<Long>> unqueued = new ConcurrentHashMap<>();

    BenchFixtures(CampaignCatalog catalog, SignatureStore signatures, Outbox outbox,
                  TransactionOperations<Connection> transactions, Accounts accounts, ApiTokens apiTokens,
                  ConfirmationTokens confirmationTokens, UnsubscribeLinks unsubscribeLinks) {
        this.catalog = catalog;
        this.signatures = signatures;
        this.outbox = outbox;
        this.transactions = transactions;
        this.accounts = accounts;
        this.apiTokens = apiTokens;
        this.confirmationTokens = confirmationTokens;
        this.unsubscribeLinks = unsubscribeLinks;
    }

    /**
     * {@code count} confirmed signatures, as an export meets them: Chinese names and names with
     * commas, two countries, some cities that look like spreadsheet formulas.
     */
    @Post("/confirmed")
    HttpResponse<String> confirmed(@QueryValue String slug, @QueryValue String run, @QueryValue int count) {
        long campaignId = catalog.requirePublic(slug).id();
        Instant now = Instant.now();
        for (int from = 1; from <= count; from += BATCH) {
            List<SignatureStore.NewSignature> rows = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            for (int n = from; n < Math.min(count + 1, from + BATCH); n++) {
                EmailAddress email = new EmailAddress("x" + run + "-" + n + "@example.org");
                SignatureRequest request = new SignatureRequest(n % 3 == 0 ? "签名者 " + n : "Signer, No. " + n, email,
                        n % 2 == 0 ? "CN" : "HK", n % 10 == 0 ? "=HYPERLINK(\"x\")" : "上海", PublicDisplay.INITIALS,
                        n % 2 == 0, Lang.ZH);
                rows.add(new SignatureStore.NewSignature(campaignId, signatures.mailboxKey(email), request,
                        new SignatureOrigin(null, null, null), now));
                keys.add(signatures.mailboxKey(email));
            }
            transactions.executeWrite(status -> {
                signatures.insertAll(rows);
                signatures.markConfirmed(signatures.idsByEmailKey(campaignId, keys).values(), now);
                return null;
            });
        }
        return HttpResponse.ok("{\"confirmed\":" + count + "}");
    }

    /**
     * {@code count} confirmed signatures with the links their emails carry, a line each: the token of
     * their "remove my signature" link, then of their unsubscribe link (bench/link-pages.lua).
     */
    @Post("/linked")
    HttpResponse<String> linked(@QueryValue String slug, @QueryValue String run, @QueryValue int count) {
        long campaignId = catalog.requirePublic(slug).id();
        Instant now = Instant.now();
        StringBuilder lines = new StringBuilder();
        for (List<String> batch : numberedBatches("l" + run + "-", count)) {
            List<Long> ids = new ArrayList<>();
            List<String> withdrawals = transactions.executeWrite(status -> {
                ids.addAll(insert(campaignId, batch, "Linked ", now).values());
                signatures.markConfirmed(ids, now);
                return confirmationTokens.issueWithdrawal(ids, now);
            });
            for (int i = 0; i < ids.size(); i++) {
                lines.append(withdrawals.get(i)).append(' ').append(unsubscribeLinks.token(ids.get(i))).append('\n');
            }
        }
        return HttpResponse.ok(lines.toString());
    }

    /** An API token for a new admin account, to download exports with. */
    @Post("/api-token")
    HttpResponse<String> apiToken(@QueryValue String run) {
        long admin = accounts.create("bench-" + run + "@example.org", "Bench admin", Role.ADMIN,
                "bench admin passphrase " + run, null).id();
        return HttpResponse.ok(apiTokens.create(admin, "bench " + run));
    }

    /**
     * For each of {@code threads} threads, {@code perThread} pending signatures whose confirmation
     * token is {@code token(run, thread, n)} (bench/confirm.lua): RUN "t" THREAD "n" N, padded to
     * 43 characters with "a" in front.
     */
    @Post("/pending")
    HttpResponse<String> pending(@QueryValue String slug, @QueryValue String run, @QueryValue int threads,
                                 @QueryValue int perThread) {
        long campaignId = catalog.requirePublic(slug).id();
        List<String> cores = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            for (int n = 1; n <= perThread; n++) {
                cores.add(run + "t" + thread + "n" + n);
            }
        }
        Instant now = Instant.now();
        for (int from = 0; from < cores.size(); from += BATCH) {
            List<String> batch = cores.subList(from, Math.min(cores.size(), from + BATCH));
            transactions.executeWrite(status -> {
                Map<java.nio.ByteBuffer, Long> ids = insert(campaignId, batch, "Confirmer ", now);
                List<Object[]> tokens = new ArrayList<>();
                for (String core : batch) {
                    EmailAddress email = new EmailAddress(core + "@bench.example");
                    String token = "a".repeat(43 - core.length()) + core;
                    Long signatureId = ids.get(java.nio.ByteBuffer.wrap(signatures.mailboxKey(email)));
                    tokens.add(new Object[]{SecretTokens.hash(token), signatureId, null, now, now.plus(1, ChronoUnit.DAYS)});
                }
                signatures.insertConfirmationTokens(tokens);
                return null;
            });
        }
        return HttpResponse.ok("{\"pending\":" + cores.size() + "}");
    }

    /** {@code count} pending signatures, without emails yet: {@link #queue} queues their emails at once. */
    @Post("/unqueued")
    HttpResponse<String> unqueued(@QueryValue String slug, @QueryValue String run, @QueryValue int count) {
        long campaignId = catalog.requirePublic(slug).id();
        List<Long> made = new ArrayList<>();
        Instant now = Instant.now();
        for (List<String> batch : numberedBatches("o" + run + "-", count)) {
            made.addAll(transactions.executeWrite(status -> insert(campaignId, batch, "Signer ", now).values()));
        }
        unqueued.put(run, made);
        return HttpResponse.ok("{\"signatures\":" + made.size() + "}");
    }

    /** Queues the confirmation emails of a run's {@link #unqueued} signatures, in one transaction. */
    @Post("/queue")
    HttpResponse<String> queue(@QueryValue String run) {
        List<Long> ids = unqueued.remove(run);
        if (ids == null) {
            return HttpResponse.notFound("{\"unknown run\":\"" + run + "\"}");
        }
        transactions.executeWrite(status -> {
            outbox.enqueueAll(SignerEmail.CONFIRMATION, ids, Instant.now());
            return null;
        });
        return HttpResponse.ok("{\"queued\":" + ids.size() + "}");
    }

    /** prefix1 to prefix{count}, in batches of {@link #BATCH}. */
    private static List<List<String>> numberedBatches(String prefix, int count) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 1; from <= count; from += BATCH) {
            List<String> batch = new ArrayList<>();
            for (int n = from; n < Math.min(count + 1, from + BATCH); n++) {
                batch.add(prefix + n);
            }
            batches.add(batch);
        }
        return batches;
    }

    private Map<java.nio.ByteBuffer, Long> insert(long campaignId, List<String> localParts, String namePrefix,
                                                   Instant now) {
        List<SignatureStore.NewSignature> rows = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (String local : localParts) {
            EmailAddress email = new EmailAddress(local + "@bench.example");
            SignatureRequest request = new SignatureRequest(namePrefix + local, email, "HK", null,
                    PublicDisplay.INITIALS, false, Lang.EN);
            rows.add(new SignatureStore.NewSignature(campaignId, signatures.mailboxKey(email), request,
                    new SignatureOrigin(null, null, null), now));
            keys.add(signatures.mailboxKey(email));
        }
        signatures.insertAll(rows);
        return signatures.idsByEmailKey(campaignId, keys);
    }
}
