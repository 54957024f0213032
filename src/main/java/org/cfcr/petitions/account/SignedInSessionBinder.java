package org.cfcr.petitions.account;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

/** Lets an admin handler take {@code SignedInSession session}, as {@link SignedInAccountBinder} does the account. */
@Singleton
class SignedInSessionBinder implements TypedRequestArgumentBinder<SignedInSession> {

    private static final Argument<SignedInSession> TYPE = Argument.of(SignedInSession.class);

    @Override
    public Argument<SignedInSession> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<SignedInSession> bind(ArgumentConversionContext<SignedInSession> context, HttpRequest<?> request) {
        return () -> SignedInFetcher.session(request);
    }
}
