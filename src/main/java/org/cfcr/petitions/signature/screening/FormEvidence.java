package org.cfcr.petitions.signature.screening;

import io.micronaut.core.annotation.Nullable;

/**
 * What came with a signature besides its fields: the hidden field (forms only), the signed form
 * token and the answer to the challenge. The JSON API has no hidden field and may leave out the
 * token, unless the campaign asks for the challenge, which is built on it.
 */
public record FormEvidence(boolean fromForm, @Nullable String honeypot, @Nullable String formToken,
                           @Nullable String proof) {

    public static FormEvidence form(String honeypot, String formToken, String proof) {
        return new FormEvidence(true, honeypot, formToken, proof);
    }

    public static FormEvidence api(String formToken, String proof) {
        return new FormEvidence(false, null, formToken, proof);
    }
}
