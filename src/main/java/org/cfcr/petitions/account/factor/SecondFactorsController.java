package org.cfcr.petitions.account.factor;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.account.Sessions;
import org.cfcr.petitions.account.SignedInSession;
import org.cfcr.petitions.account.StepUps;
import org.cfcr.petitions.kernel.web.QrCodeSvg;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One's own second factors: adding an authenticator app or a passkey, removing one, new recovery
 * codes. The first factor of an account that needs one is added in the session that signed in
 * with the password alone (the only page that session may use); every later change asks for the
 * second factor again.
 */
@Hidden
@Controller(SecondFactorsController.PATH)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class SecondFactorsController {

    static final String PATH = "/admin/account/second-factors";
    private static final int MAX_LABEL = 100;

    private final SecondFactors factors;
    private final TotpEnrolment enrolment;
    private final Totp totp;
    private final Passkeys passkeys;
    private final RecoveryCodes recoveryCodes;
    private final Sessions sessions;
    private final StepUps stepUps;

    SecondFactorsController(SecondFactors factors, TotpEnrolment enrolment, Totp totp, Passkeys passkeys,
                            RecoveryCodes recoveryCodes, Sessions sessions, StepUps stepUps) {
        this.factors = factors;
        this.enrolment = enrolment;
        this.totp = totp;
        this.passkeys = passkeys;
        this.recoveryCodes = recoveryCodes;
        this.sessions = sessions;
        this.stepUps = stepUps;
    }

    @Serdeable
    record AppForm(@Nullable String pending, @Nullable String code, @Nullable String label) {
    }

    @Serdeable
    record PasskeyForm(@Nullable String credential, @Nullable String label) {
    }

    @Get
    HttpResponse<?> show(SignedInSession session) {
        return page(HttpStatus.OK, session, Map.of(), null, List.of());
    }

    @Post("/app")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addApp(@Body AppForm form, SignedInSession session) {
        long accountId = session.account().id();
        boolean first = !factors.any(accountId);
        Optional<HttpResponse<?>> stepUp = stepUpUnlessSettingUp(session);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        Optional<byte[]> secret = enrolment.secret(accountId, form.pending());
        if (secret.isEmpty()) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, session, Map.of("app", "admin.factor.error.appExpired"), null, List.of());
        }
        OptionalLong step = totp.step(secret.get(), form.code());
        if (step.isEmpty()) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, session, Map.of("code", "admin.factor.error.appCode"), null, List.of());
        }
        if (!factors.addTotp(accountId, secret.get(), step.getAsLong(), label(form.label()))) {
            return page(HttpStatus.CONFLICT, session, Map.of("app", "admin.factor.error.tooMany"), null, List.of());
        }
        return added(session, first, "admin.factor.appAdded");
    }

    @Post("/passkey")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addPasskey(@Body PasskeyForm form, SignedInSession session) {
        long accountId = session.account().id();
        boolean first = !factors.any(accountId);
        Optional<HttpResponse<?>> stepUp = stepUpUnlessSettingUp(session);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        if (form.credential() == null || form.credential().isBlank() || form.credential().length() > 20_000
                || !passkeys.register(session, form.credential(), label(form.label()))) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, session, Map.of("passkey", "admin.factor.error.passkeyNotAdded"),
                    null, List.of());
        }
        return added(session, first, "admin.factor.passkeyAdded");
    }

    @Post("/{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> remove(long id, SignedInSession session) {
        Optional<HttpResponse<?>> stepUp = stepUps.demand(session, PATH);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        Account me = session.account();
        if (factors.remove(me.id(), id, me.requiresSecondFactor()) == SecondFactors.Removal.LAST_ONE_KEPT) {
            return page(HttpStatus.CONFLICT, session, Map.of("factors", "admin.factor.error.lastOne"), null, List.of());
        }
        return HttpResponse.seeOther(URI.create(PATH));
    }

    @Post("/recovery-codes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> newRecoveryCodes(SignedInSession session) {
        Optional<HttpResponse<?>> stepUp = stepUps.demand(session, PATH);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        return page(HttpStatus.OK, session, Map.of(), "admin.factor.codesReplaced", recoveryCodes.replace(session.account().id()));
    }

    /**
     * The session that signed in with the password alone, to set up the factor its account needs,
     * adds it without a step-up (it has nothing else to prove); any other session proves itself
     * first (the factor, or the password where the account has none): a stolen session cookie must
     * not be able to add a factor of the thief's own.
     */
    private Optional<HttpResponse<?>> stepUpUnlessSettingUp(SignedInSession session) {
        return session.isVerified() ? stepUps.demand(session, PATH) : Optional.empty();
    }

    /**
     * The first factor comes with recovery codes, shown this once; in the session that was setting
     * it up, it finishes the sign-in. A session already signed in is not stepped up by it.
     */
    private HttpResponse<?> added(SignedInSession session, boolean first, String notice) {
        if (!session.isVerified()) {
            sessions.verified(session.tokenHash());
        }
        return page(HttpStatus.OK, session, Map.of(), notice,
                first ? recoveryCodes.replace(session.account().id()) : List.of());
    }

    /** The name the person gave it; empty, the page names it by its kind, in the reader's language. */
    private static String label(@Nullable String given) {
        String label = given == null ? "" : given.strip();
        return label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL) : label;
    }

    private HttpResponse<?> page(HttpStatus status, SignedInSession session, Map<String, String> errors,
                                 @Nullable String notice, List<String> newRecoveryCodes) {
        Account me = session.account();
        TotpEnrolment.Pending pending = enrolment.start(me);
        List<SecondFactors.Factor> mine = factors.of(me.id());
        return HttpResponse.status(status).body(new ModelAndView<>("admin/second-factors", new FactorsPage(
                me, mine.isEmpty(), mine, recoveryCodes.remaining(me.id()), pending.sealed(),
                pending.base32(), QrCodeSvg.of(pending.otpauthUri(), "otpauth"), passkeys.creationOptions(session),
                errors, notice, newRecoveryCodes)));
    }

    /**
     * @param enrolling        the account has no second factor yet
     * @param qrSvg            the QR code of the new app secret, drawn here
     * @param newRecoveryCodes codes just made, shown this once
     */
    @Introspected
    record FactorsPage(Account me, boolean enrolling, List<SecondFactors.Factor> factors, int recoveryCodesLeft,
                       String pendingApp, String appSecret, String qrSvg, String passkeyOptions,
                       Map<String, String> errors, @Nullable String notice, List<String> newRecoveryCodes) {
    }
}
