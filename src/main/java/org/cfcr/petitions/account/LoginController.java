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
import org.cfcr.petitions.account.factor.SecondFactors;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Signing in to and out of the admin pages. */
@Hidden
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class LoginController {

    /** Where to go after login: only a path on the admin pages, so the login cannot redirect elsewhere. */
    private static final Pattern SAFE_NEXT = Pattern.compile("/admin(/[A-Za-z0-9/_.-]*)?");
    private static final Duration DEVICE_COOKIE_LIFETIME = Duration.ofDays(365);

    private final Accounts accounts;
    private final SecondFactors factors;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final KnownDevices devices;
    private final HttpClientAddressResolver clientAddresses;
    private final SessionCookie sessionCookie;
    private final VerificationTurns turns;

    LoginController(Accounts accounts, SecondFactors factors, Sessions sessions, LoginThrottle throttle,
                    KnownDevices devices, HttpClientAddressResolver clientAddresses, SessionCookie sessionCookie,
                    VerificationTurns turns) {
        this.accounts = accounts;
        this.factors = factors;
        this.sessions = sessions;
        this.throttle = throttle;
        this.devices = devices;
        this.clientAddresses = clientAddresses;
        this.sessionCookie = sessionCookie;
        this.turns = turns;
    }

    @Serdeable
    record LoginForm(@Nullable String email, @Nullable String password, @Nullable String next) {
    }

    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get("/login")
    HttpResponse<?> form(@Nullable @QueryValue String next) {
        return page(HttpStatus.OK, "", safeNext(next), null);
    }

    @Secured(SecurityRule.IS_ANONYMOUS)
    @Post("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> login(@Body LoginForm form, HttpRequest<?> request) {
        String email = form.email() == null ? "" : form.email().strip();
        String next = safeNext(form.next());
        if (email.isEmpty() || email.length() > 254 || form.password() == null || form.password().isEmpty()) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, email, next, "admin.login.missing");
        }
        String client = clientAddresses.resolve(request);
        Optional<String> device = devices.device(request, email);
        Optional<Account> account;
        LoginThrottle.Attempt attempt = null;
        try (VerificationTurns.Place place = turns.place(device.isPresent())) {
            // counted before the password is verified, so that a burst cannot pass the limits together
            attempt = throttle.attempt(email, device.orElse(null), client);
            if (attempt.refusal().isPresent()) {
                return page(HttpStatus.TOO_MANY_REQUESTS, email, next, "admin.login.locked")
                        .header("Retry-After", String.valueOf(attempt.refusal().get().toSeconds()));
            }
            account = accounts.authenticate(email, form.password());
        } catch (VerificationTurns.Busy busy) {
            if (attempt != null) {
                throttle.withdraw(attempt.id()); // no password was checked: no guess counted
            }
            return page(HttpStatus.SERVICE_UNAVAILABLE, email, next, busy.messageKey())
                    .header("Retry-After", String.valueOf(VerificationTurns.RETRY_AFTER.toSeconds()));
        }
        if (account.isEmpty()) {
            // the attempt's row stays as the failure
            return page(HttpStatus.UNAUTHORIZED, email, next, "admin.login.wrong");
        }
        throttle.succeeded(email, device.orElse(null));
        boolean hasFactor = factors.any(account.get().id());
        boolean secondFactorDue = hasFactor || account.get().requiresSecondFactor();
        String token = sessions.open(account.get().id(), !secondFactorDue);
        URI then = !secondFactorDue ? URI.create(next)
                : hasFactor ? URI.create(SecondFactorGate.PROVE + "?next=" + next)
                : URI.create(SecondFactorGate.ENROL);
        return HttpResponse.seeOther(then)
                .cookie(sessionCookie.of(token))
                .cookie(devices.cookie(email).maxAge(DEVICE_COOKIE_LIFETIME));
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Post("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> logout(HttpRequest<?> request) {
        sessionCookie.token(request).ifPresent(sessions::close);
        return HttpResponse.seeOther(URI.create("/admin/login")).cookie(sessionCookie.cleared());
    }

    static String safeNext(@Nullable String next) {
        return next != null && next.length() < 200 && SAFE_NEXT.matcher(next).matches() && !next.contains("..")
                && !next.startsWith("/admin/login") ? next : "/admin";
    }

    private static MutableHttpResponse<?> page(HttpStatus status, String email, String next, @Nullable String errorKey) {
        return HttpResponse.status(status).body(new ModelAndView<>("admin/login", new LoginPage(email, next, errorKey)));
    }

    /** The sign-in form, with the email given so far and where to go afterwards. */
    @Introspected
    record LoginPage(String email, String next, @Nullable String errorKey) {
    }
}
