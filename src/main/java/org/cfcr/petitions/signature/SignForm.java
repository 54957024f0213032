package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.cfcr.petitions.signature.screening.FormEvidence;

/** The sign form as posted by a browser; every field may be missing or hostile. */
@Serdeable
public record SignForm(
        @Nullable String name,
        @Nullable String email,
        @Nullable String country,
        @Nullable String city,
        @Nullable String publicDisplay,
        @Nullable String emailUpdates,
        @Nullable String website,
        @Nullable String formToken,
        @Nullable String proof) {

    /** What a fresh form shows: initials preselected, the safer public choice; updates unticked. */
    public static SignForm blank() {
        return new SignForm("", "", "", "", PublicDisplay.INITIALS.name(), null, null, null, null);
    }

    public SignatureSubmission toSubmission() {
        return new SignatureSubmission(name, email, country, city, publicDisplay, Boolean.toString(isTicked(emailUpdates)),
                null);
    }

    /** website is the hidden field no person sees (a honeypot); formToken and proof, see FormTokens. */
    public FormEvidence evidence() {
        return FormEvidence.form(website, formToken, proof);
    }

    private static boolean isTicked(String checkbox) {
        return checkbox != null && (checkbox.equals("on") || checkbox.equals("true"));
    }
}
