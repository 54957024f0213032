package org.cfcr.petitions.account;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** An admin opens an account for a lead or another admin: the rules a new account must meet. */
@Singleton
public class AccountOpening {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    /** What the admin typed; null fields are empty ones. */
    public record Request(String email, String name, String password, Role role) {
    }

    public sealed interface Result permits Opened, Invalid, Taken {
    }

    public record Opened(Account account) implements Result {
    }

    /** Message keys by field. */
    public record Invalid(Map<String, String> errors) implements Result {
    }

    /** An account with this email exists already. */
    public record Taken() implements Result {
    }

    private final Accounts accounts;
    private final Passwords passwords;

    AccountOpening(Accounts accounts, Passwords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    public Result open(Request request, long byAdmin) {
        String email = request.email() == null ? "" : request.email().strip();
        String name = request.name() == null ? "" : request.name().strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.put("email", "error.email.invalid");
        }
        if (name.isEmpty() || name.length() > 100) {
            errors.put("name", "error.name.required");
        }
        passwords.problem(request.password(), email).ifPresent(problem -> errors.put("password", problem));
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        try {
            return new Opened(accounts.create(email, name, request.role(), request.password(), byAdmin));
        } catch (Sql.DuplicateKeyException taken) {
            return new Taken();
        }
    }
}
