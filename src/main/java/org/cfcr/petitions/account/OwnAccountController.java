package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import org.cfcr.petitions.kernel.web.PublicLinks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One's own account: a new password (other sessions end), personal API tokens. */
@Hidden
@Controller("/admin/account")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class OwnAccountController {

    private final Accounts accounts;
    private final Passwords passwords;
    private final ApiTokens tokens;
    private final PublicLinks links;
    private final StepUps stepUps;
    private final Clock clock;
    private final PasswordChange passwordChange;

    OwnAccountController(Accounts accounts, Passwords passwords, ApiTokens tokens,
                         PublicLinks links, Clock clock, PasswordChange passwordChange, StepUps stepUps) {
        this.stepUps = stepUps;
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.links = links;
        this.clock = clock;
        this.passwordChange = passwordChange;
    }

    @Serdeable
    record PasswordForm(@Nullable String current, @Nullable String password, @Nullable String repeat) {
    }

    @Serdeable
    record TokenForm(@Nullable String label) {
    }

    @Get
    HttpResponse<?> show(Account me) {
        return page(HttpStatus.OK, me, Map.of(), null, null);
    }

    @Post("/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> changePassword(@Body PasswordForm form, HttpRequest<?> request, Account me) {
        if (accounts.authenticate(me.email(), form.current() == null ? "" : form.current()).isEmpty()) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, me, Map.of("current", "admin.password.currentWrong"), null, null);
        }
        Optional<String> problem = passwords.problem(form.password(), me.email());
        if (problem.isPresent()) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, me, Map.of("password", problem.get()), null, null);
        }
        if (!form.password().equals(form.repeat())) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, me, Map.of("repeat", "admin.password.mismatch"), null, null);
        }
        passwordChange.change(me.id(), form.password(), request);
        return page(HttpStatus.OK, accounts.find(me.id()).orElse(me), Map.of(), "admin.password.changed", null);
    }

    @Post("/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> createToken(@Body TokenForm form, Account me, SignedInSession session) {
        java.util.Optional<HttpResponse<?>> stepUp = stepUps.demand(session, "/admin/account");
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        String label = form.label() == null ? "" : form.label().strip();
        if (label.isEmpty() || label.length() > 100) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, me, Map.of("label", "admin.tokens.error.label"), null, null);
        }
        String token = tokens.create(me.id(), label);
        return page(HttpStatus.OK, me, Map.of(), null, token);
    }

    @Post("/tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revoke(long id, Account me) {
        tokens.revoke(me.id(), id);
        return HttpResponse.seeOther(URI.create("/admin/account"));
    }

    private HttpResponse<?> page(HttpStatus status, Account me, Map<String, String> errors, @Nullable String notice,
                                 @Nullable String newToken) {
        return HttpResponse.status(status).body(new ModelAndView<>("admin/account",
                new AccountPage(me, errors, tokens.of(me.id()), links.link(""), notice, newToken, Instant.now(clock))));
    }

    /**
     * A lead's own account: password and API tokens.
     *
     * @param newToken a token just created, shown this once and never again
     * @param now      to tell the tokens that expired from the others
     */
    @Introspected
    record AccountPage(Account me, Map<String, String> errors, List<ApiTokens.ApiToken> tokens, String apiBase,
                       @Nullable String notice, @Nullable String newToken, Instant now) {
    }
}
