package org.cfcr.petitions.account;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

/**
 * Lets a handler take {@code Account me}: the account {@link SignedInFetcher} found for this
 * request. It reads the authentication the security filter already holds, so it never touches the
 * database and may run on any thread. Unsatisfied when nobody is signed in; the handlers that take
 * an account are all secured, so the security filter has answered before then.
 */
@Singleton
class SignedInAccountBinder implements TypedRequestArgumentBinder<Account> {

    private static final Argument<Account> TYPE = Argument.of(Account.class);

    @Override
    public Argument<Account> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Account> bind(ArgumentConversionContext<Account> context, HttpRequest<?> request) {
        return () -> SignedInFetcher.signedIn(request);
    }
}
