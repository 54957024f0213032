package org.cfcr.petitions.support;

import io.micronaut.transaction.TransactionOperations;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.signature.EmailAddress;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.signature.SignatureOrigin;
import org.cfcr.petitions.signature.SignatureRequest;
import org.cfcr.petitions.signature.SignatureStore;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A signature in the state a test needs, made through the store as the service makes it, in one
 * line: {@code signatures(campaign).named("Liu Xiaobo").showing(FULL_NAME).confirmed()}. Nothing
 * here checks the fields: a test may store what the forms would refuse.
 */
public final class SignatureBuilder {

    private final SignatureStore store;
    private final TransactionOperations<Connection> transactions;
    private final Campaign campaign;
    private String name = "Test Signer";
    private String email = "signer-" + UUID.randomUUID() + "@example.org";
    private String country = "HK";
    private String city;
    private PublicDisplay display = PublicDisplay.INITIALS;
    private boolean wantsUpdates;
    private Lang lang = Lang.EN;
    private Instant at = Instant.now();

    SignatureBuilder(SignatureStore store, TransactionOperations<Connection> transactions, Campaign campaign) {
        this.store = store;
        this.transactions = transactions;
        this.campaign = campaign;
    }

    public SignatureBuilder named(String name) {
        this.name = name;
        return this;
    }

    public SignatureBuilder email(String email) {
        this.email = email;
        return this;
    }

    public SignatureBuilder from(String country, String city) {
        this.country = country;
        this.city = city;
        return this;
    }

    public SignatureBuilder showing(PublicDisplay display) {
        this.display = display;
        return this;
    }

    public SignatureBuilder wantingUpdates(boolean wantsUpdates) {
        this.wantsUpdates = wantsUpdates;
        return this;
    }

    public SignatureBuilder in(Lang lang) {
        this.lang = lang;
        return this;
    }

    /** When it was made (and, if confirmed, confirmed). */
    public SignatureBuilder at(Instant at) {
        this.at = at;
        return this;
    }

    /** Signed, waiting for its signer to confirm; returns its id. */
    public long pending() {
        return transactions.executeWrite(status -> insert());
    }

    /** Signed and confirmed (not counted by itself: the count comes from confirming); returns its id. */
    public long confirmed() {
        return transactions.executeWrite(status -> {
            long id = insert();
            store.markConfirmed(List.of(id), at);
            return id;
        });
    }

    private long insert() {
        EmailAddress address = new EmailAddress(email);
        SignatureRequest request = new SignatureRequest(name, address, country, city, display, wantsUpdates, lang);
        return store.insert(new SignatureStore.NewSignature(campaign.id(), store.mailboxKey(address), request,
                new SignatureOrigin(null, null, null), at));
    }
}
