package org.cfcr.petitions.account;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The first admin comes from the environment (ADMIN_EMAIL and ADMIN_PASSWORD) on a start where
 * no account has that email; there is no default password. Once the admin exists the variables
 * change nothing, so they can be removed; a weak password is refused with the reason in the log.
 */
@Singleton
class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final Passwords passwords;
    private final String email;
    private final String password;

    AdminBootstrap(Accounts accounts, Passwords passwords,
                   AdminSettings settings) {
        String email = settings.email() == null ? "" : settings.email();
        String password = settings.password() == null ? "" : settings.password();
        this.accounts = accounts;
        this.passwords = passwords;
        this.email = email;
        this.password = password;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (email.isBlank()) {
            if (!accounts.anyAdmin()) {
                LOG.info("No admin account yet: start once with ADMIN_EMAIL and ADMIN_PASSWORD set to create one (see README)");
            }
            return;
        }
        Optional<String> problem = passwords.problem(password, email);
        if (problem.isPresent()) {
            LOG.error("ADMIN_PASSWORD refused ({}): at least {} characters, not a common password; no admin created",
                    problem.get(), Passwords.MIN_LENGTH);
            return;
        }
        try {
            Account admin = accounts.create(email, "Admin", Role.ADMIN, password, null);
            LOG.info("Created admin account {}; sign in at /admin", admin.email());
        } catch (Sql.DuplicateKeyException exists) {
            LOG.debug("Admin {} exists already", email);
        }
    }
}
