package org.cfcr.petitions.admin;

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
import org.cfcr.petitions.account.AccountDisabling;
import org.cfcr.petitions.account.AccountOpening;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.account.Role;
import org.cfcr.petitions.account.SignedInSession;
import org.cfcr.petitions.account.StepUps;
import org.cfcr.petitions.account.factor.SecondFactorReset;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.export.ExportRecords;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Admins only: lead accounts (create, disable, enable), the export record and the audit log. */
@Hidden
@Controller("/admin")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountAdminController {

    private static final String ACCOUNTS = "/admin/accounts";

    private final Accounts accounts;
    private final SecondFactorReset factorReset;
    private final StepUps stepUps;
    private final AccountDisabling disabling;
    private final AccountOpening opening;
    private final ExportRecords exports;
    private final AuditLog audit;
    private final AuditNames names;

    AccountAdminController(Accounts accounts, SecondFactorReset factorReset, StepUps stepUps, AccountDisabling disabling,
                           AccountOpening opening, ExportRecords exports, AuditLog audit, AuditNames names) {
        this.factorReset = factorReset;
        this.stepUps = stepUps;
        this.disabling = disabling;
        this.accounts = accounts;
        this.opening = opening;
        this.exports = exports;
        this.audit = audit;
        this.names = names;
    }

    @Serdeable
    record NewLeadForm(@Nullable String email, @Nullable String name, @Nullable String password,
                       @Nullable String role) {
    }

    @Get("/accounts")
    HttpResponse<?> list(Account me) {
        return page(HttpStatus.OK, AdminOnly.require(me), new NewLeadForm("", "", "", "LEAD"), Map.of());
    }

    @Post("/accounts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(@Body NewLeadForm form, Account me, SignedInSession session) {
        Account admin = AdminOnly.require(me);
        Optional<HttpResponse<?>> stepUp = stepUps.demand(session, ACCOUNTS);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        Role role = "ADMIN".equals(form.role()) ? Role.ADMIN : Role.LEAD;
        AccountOpening.Result result = opening.open(
                new AccountOpening.Request(form.email(), form.name(), form.password(), role), admin.id());
        if (result instanceof AccountOpening.Invalid invalid) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, me, form, invalid.errors());
        }
        if (result instanceof AccountOpening.Taken) {
            return page(HttpStatus.CONFLICT, me, form, Map.of("email", "admin.accounts.error.taken"));
        }
        return HttpResponse.seeOther(URI.create("/admin/accounts"));
    }

    @Post("/accounts/{id}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> disable(long id, Account me) {
        AdminOnly.require(me);
        if (id == me.id()) {
            return page(HttpStatus.CONFLICT, me, new NewLeadForm("", "", "", "LEAD"),
                    Map.of("general", "admin.accounts.error.self"));
        }
        accounts.find(id).ifPresent(account -> disabling.disable(account.id(), me.id()));
        return HttpResponse.seeOther(URI.create("/admin/accounts"));
    }

    /** For a person who lost every second factor and recovery code (asked outside the service, in person). */
    @Post("/accounts/{id}/second-factors/reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> resetSecondFactors(long id, Account me, SignedInSession session) {
        AdminOnly.require(me);
        Optional<HttpResponse<?>> stepUp = stepUps.demand(session, ACCOUNTS);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        accounts.find(id).ifPresent(account -> factorReset.reset(account.id(), me.id()));
        return HttpResponse.seeOther(URI.create(ACCOUNTS));
    }

    @Serdeable
    record RequirementForm(@Nullable String optional) {
    }

    /** Whether a lead may sign in with the password alone (admins never may). */
    @Post("/accounts/{id}/second-factors/requirement")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> secondFactorRequirement(long id, @Body RequirementForm form, Account me, SignedInSession session) {
        AdminOnly.require(me);
        Optional<HttpResponse<?>> stepUp = stepUps.demand(session, ACCOUNTS);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        accounts.find(id).ifPresent(account ->
                accounts.letSignInWithoutSecondFactor(account.id(), "true".equals(form.optional()), me.id()));
        return HttpResponse.seeOther(URI.create(ACCOUNTS));
    }

    @Post("/accounts/{id}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> enable(long id, Account me, SignedInSession session) {
        AdminOnly.require(me); // before the lookup, so a lead learns nothing of which ids exist
        Optional<HttpResponse<?>> stepUp = stepUps.demand(session, ACCOUNTS);
        if (stepUp.isPresent()) {
            return stepUp.get();
        }
        accounts.find(id).ifPresent(account -> accounts.enable(account.id(), me.id()));
        return HttpResponse.seeOther(URI.create("/admin/accounts"));
    }

    @Get("/exports")
    HttpResponse<?> exports(Account me) {
        return HttpResponse.ok(new ModelAndView<>("admin/exports", new ExportsPage(AdminOnly.require(me), exports.newest(500))));
    }

    @Get("/audit")
    HttpResponse<?> audit(Account me) {
        return HttpResponse.ok(new ModelAndView<>("admin/audit", new AuditPage(AdminOnly.require(me), names.of(audit.newest(500)))));
    }

    private HttpResponse<?> page(HttpStatus status, Account me, NewLeadForm form, Map<String, String> errors) {
        return HttpResponse.status(status).body(new ModelAndView<>("admin/accounts",
                new AccountsPage(me, accounts.list(), form, errors)));
    }

    /** Every account, and the form that adds one. */
    @Introspected
    record AccountsPage(Account me, List<Account> accounts, NewLeadForm form, Map<String, String> errors) {
    }

    /** Who downloaded which signers, newest first. */
    @Introspected
    record ExportsPage(Account me, List<ExportRecords.ExportRecord> exports) {
    }

    /** Who did what, newest first. */
    @Introspected
    record AuditPage(Account me, List<AuditLog.Event> events) {
    }
}
