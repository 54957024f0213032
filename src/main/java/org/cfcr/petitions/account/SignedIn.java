package org.cfcr.petitions.account;

import io.micronaut.security.authentication.Authentication;

/** The account behind an authenticated request, as {@link SignedInFetcher} found it. */
public final class SignedIn {

    private SignedIn() {
    }

    public static Account account(Authentication authentication) {
        return (Account) authentication.getAttributes().get(SignedInFetcher.ACCOUNT);
    }
}
