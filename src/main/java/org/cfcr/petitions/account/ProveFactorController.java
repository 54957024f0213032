package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.account.factor.FactorProofs;
import org.cfcr.petitions.account.factor.Passkeys;
import org.cfcr.petitions.account.factor.SecondFactors;

import java.net.URI;
import java.util.List;

/**
 * Proving the second factor: after the password, to finish signing in; and again, at most every
 * {@link SignedInSession#STEP_UP_LIFE}, before an action that could hurt signers in the wrong hands
 * (a full export, an API token, a new or promoted account, a change of second factors).
 * <p>
 * The code form works without JavaScript; the passkey button is shown by {@code passkeys.js} where
 * the browser has WebAuthn. An account that has no second factor and is allowed none steps up with
 * its password.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ProveFactorController {

    private static final String STEP_UP = "/admin/step-up";

    private final FactorProofs proofs;
    private final SecondFactors factors;
    private final Passkeys passkeys;
    private final HttpClientAddressResolver clientAddresses;

    ProveFactorController(FactorProofs proofs, SecondFactors factors, Passkeys passkeys, HttpClientAddressResolver clientAddresses) {
        this.proofs = proofs;
        this.factors = factors;
        this.passkeys = passkeys;
        this.clientAddresses = clientAddresses;
    }

    enum Purpose { SIGN_IN, STEP_UP }

    @Serdeable
    record ProofForm(@Nullable String code, @Nullable String password, @Nullable String credential,
                     @Nullable String next) {
    }

    @Get(SecondFactorGate.PROVE)
    HttpResponse<?> signInPage(SignedInSession session, @Nullable @QueryValue String next) {
        if (session.isVerified()) {
            return HttpResponse.seeOther(URI.create(LoginController.safeNext(next)));
        }
        return page(HttpStatus.OK, Purpose.SIGN_IN, session, LoginController.safeNext(next), null);
    }

    @Post(SecondFactorGate.PROVE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signIn(@Body ProofForm form, SignedInSession session, HttpRequest<?> request) {
        return prove(Purpose.SIGN_IN, form, session, request);
    }

    @Get(STEP_UP)
    HttpResponse<?> stepUpPage(SignedInSession session, @Nullable @QueryValue String next) {
        return page(HttpStatus.OK, Purpose.STEP_UP, session, LoginController.safeNext(next), null);
    }

    @Post(STEP_UP)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> stepUp(@Body ProofForm form, SignedInSession session, HttpRequest<?> request) {
        return prove(Purpose.STEP_UP, form, session, request);
    }

    private HttpResponse<?> prove(Purpose purpose, ProofForm form, SignedInSession session, HttpRequest<?> request) {
        String next = LoginController.safeNext(form.next());
        String client = clientAddresses.resolve(request);
        FactorProofs.Outcome outcome;
        if (form.credential() != null) {
            outcome = proofs.passkey(session, form.credential(), client);
        } else if (form.password() != null) {
            outcome = proofs.password(session, form.password(), client);
        } else {
            outcome = proofs.code(session, form.code(), client);
        }
        if (outcome.proved()) {
            return HttpResponse.seeOther(URI.create(next));
        }
        HttpStatus status = outcome.retryAfter() == null ? HttpStatus.UNAUTHORIZED
                : "admin.factor.error.locked".equals(outcome.errorKey()) ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
        MutableHttpResponse<?> response = page(status, purpose, session, next, outcome.errorKey());
        if (outcome.retryAfter() != null) {
            response.header("Retry-After", String.valueOf(outcome.retryAfter().toSeconds()));
        }
        return response;
    }

    private MutableHttpResponse<?> page(HttpStatus status, Purpose purpose, SignedInSession session, String next,
                                        @Nullable String errorKey) {
        List<SecondFactors.Factor> mine = factors.of(session.account().id());
        boolean hasPasskey = mine.stream().anyMatch(factor -> factor.kind() == SecondFactors.Kind.PASSKEY);
        String passkeyOptions = hasPasskey ? passkeys.requestOptions(session) : null;
        String action = purpose == Purpose.SIGN_IN ? SecondFactorGate.PROVE : STEP_UP;
        return HttpResponse.status(status).body(new ModelAndView<>("admin/second-factor",
                new ProofPage(purpose.name(), action, next, errorKey, !mine.isEmpty(), passkeyOptions)));
    }

    /**
     * The page asking for the second factor.
     *
     * @param hasFactor       false: the account has none (and is allowed none), so it steps up with its password
     * @param passkeyOptions  the WebAuthn request options for this session's challenge, when the account has a passkey
     */
    @Introspected
    record ProofPage(String purpose, String action, String next, @Nullable String errorKey, boolean hasFactor,
                     @Nullable String passkeyOptions) {
    }
}
