package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.i18n.Countries;
import org.cfcr.petitions.kernel.i18n.Lang;

/** One line of the public signer list (its page, the campaign page's latest signers), ready to print. */
public record SignerRow(@Nullable String name, String country, @Nullable String city, @Nullable String signedOn) {

    /** A public signer as a reader of the language sees them: the country by its name in that language. */
    public static SignerRow of(SignatureStore.PublicSigner signer, Countries countries, Lang lang) {
        return new SignerRow(signer.name(), countries.name(signer.country(), lang), signer.city(), signer.day());
    }
}
