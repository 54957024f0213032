package org.cfcr.petitions.account;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.campaign.CampaignLeads;
import org.cfcr.petitions.kernel.db.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Lead and admin accounts: creating them, passwords, disabling, and which campaigns a lead runs. */
@Singleton
public class Accounts {

    static final String COLUMNS = "a.id, a.email, a.name, a.role, a.disabled_at, a.created_at, a.password_must_change, "
            + "a.second_factor_optional";

    private final Sql sql;
    private final CampaignLeads leads;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;

    public Accounts(Sql sql, CampaignLeads leads, Passwords passwords, AuditLog audit, Clock clock,
                    TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.sql = sql;
        this.leads = leads;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    static Account map(ResultSet row) throws SQLException {
        return new Account(row.getLong("id"), row.getString("email"), row.getString("name"),
                Role.valueOf(row.getString("role")), Sql.instant(row, "disabled_at"), Sql.instant(row, "created_at"),
                row.getBoolean("password_must_change"), row.getBoolean("second_factor_optional"));
    }

    public static String normaliseEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Creates an account; fails with {@link Sql.DuplicateKeyException} when the email is taken. A
     * password an admin set ({@code createdBy} given) must be changed at its owner's first sign-in;
     * the first admin's, from the environment, is that admin's own choice.
     */
    @Transactional
    public Account create(String email, String name, Role role, String password, Long createdBy) {
        Instant now = Instant.now(clock);
        long id = sql.insert("INSERT INTO account (email, name, role, password_hash, created_at, password_changed_at, "
                        + "password_must_change) VALUES (?, ?, ?, ?, ?, ?, ?)",
                normaliseEmail(email), name.strip(), role, passwords.hash(password), now, now, createdBy != null);
        audit.record(createdBy, null, "account.created", "account " + id + " (" + normaliseEmail(email) + "), role " + role);
        return find(id).orElseThrow();
    }

    /**
     * Locks the account's row until the caller's transaction ends: what belongs to the account and is
     * bounded per account (its second factors) is then counted and added by one request at a time.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void lock(long id) {
        sql.one("SELECT id FROM account WHERE id = ? FOR UPDATE", row -> row.getLong("id"), id);
    }

    @Transactional(readOnly = true)
    public Optional<Account> find(long id) {
        return sql.one("SELECT " + COLUMNS + " FROM account a WHERE a.id = ?", Accounts::map, id);
    }

    @Transactional(readOnly = true)
    public List<Account> list() {
        return sql.list("SELECT " + COLUMNS + " FROM account a ORDER BY a.role, a.email", Accounts::map);
    }

    @Transactional(readOnly = true)
    public boolean anyAdmin() {
        return sql.one("SELECT 1 AS x FROM account WHERE role = 'ADMIN' LIMIT 1", row -> 1).isPresent();
    }

    /** The account that this email and password open, if any. Takes as long whether the email exists or not. */
    /**
     * The account with this email and password. The account is read in a short transaction of its
     * own and the password verified after it, holding no database connection while Argon2 works;
     * so call it outside any transaction. Throws {@link VerificationTurns.Busy} when this node is
     * verifying as many passwords as it may.
     */
    public Optional<Account> authenticate(String email, String password) {
        Optional<Stored> stored = transactions.executeRead(status -> stored(email));
        boolean matches = passwords.matches(password, stored.map(Stored::hash).orElse(null));
        return stored.filter(found -> matches && !found.account().isDisabled()).map(Stored::account);
    }

    private record Stored(Account account, String hash) {
    }

    private Optional<Stored> stored(String email) {
        return sql.one("SELECT " + COLUMNS + ", a.password_hash FROM account a WHERE a.email = ?",
                row -> new Stored(map(row), row.getString("password_hash")), normaliseEmail(email));
    }

    @Transactional
    public void changePassword(long accountId, String newPassword, Instant now) {
        sql.update("UPDATE account SET password_hash = ?, password_changed_at = ?, password_must_change = FALSE WHERE id = ?",
                passwords.hash(newPassword), now, accountId);
        audit.record(accountId, null, "account.passwordChanged", "account " + accountId);
    }

    /** Whether the account's password was changed after this time (which makes older API tokens void). */
    @Transactional(readOnly = true)
    public boolean passwordChangedAfter(long accountId, Instant time) {
        return sql.one("SELECT 1 AS x FROM account WHERE id = ? AND password_changed_at > ?", row -> 1, accountId, time)
                .isPresent();
    }

    /** Marks the account disabled; {@link AccountDisabling} also ends its sessions and tokens. */
    void markDisabled(long accountId, long byAdmin) {
        sql.update("UPDATE account SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", Instant.now(clock), accountId);
        audit.record(byAdmin, null, "account.disabled", "account " + accountId);
    }

    /** The emails of these accounts, by id, for pages that say who did what. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, String> emails(java.util.Collection<Long> ids) {
        java.util.Map<Long, String> emails = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return emails;
        }
        Sql.In in = Sql.in(ids);
        sql.forEach("SELECT id, email FROM account WHERE id IN (" + in.placeholders() + ")",
                row -> emails.put(row.getLong("id"), row.getString("email")), in.after());
        return emails;
    }

    /** Whether this lead may sign in with the password alone; admins always need a second factor. */
    @Transactional
    public void letSignInWithoutSecondFactor(long accountId, boolean optional, long byAdmin) {
        if (sql.update("UPDATE account SET second_factor_optional = ? WHERE id = ? AND role = 'LEAD' "
                + "AND second_factor_optional <> ?", optional, accountId, optional) > 0) {
            audit.record(byAdmin, null, optional ? "account.secondFactorOptional" : "account.secondFactorRequired",
                    "account " + accountId);
        }
    }

    @Transactional
    public void enable(long accountId, long byAdmin) {
        sql.update("UPDATE account SET disabled_at = NULL WHERE id = ?", accountId);
        audit.record(byAdmin, null, "account.enabled", "account " + accountId);
    }

    @Transactional
    public void assign(long accountId, long campaignId, long byAdmin) {
        // assigning twice is the same as assigning once
        if (leads.add(campaignId, accountId)) {
            audit.record(byAdmin, campaignId, "campaign.leadAssigned", "account " + accountId);
        }
    }

    @Transactional
    public void unassign(long accountId, long campaignId, long byAdmin) {
        if (leads.remove(campaignId, accountId)) {
            audit.record(byAdmin, campaignId, "campaign.leadRemoved", "account " + accountId);
        }
    }

    @Transactional(readOnly = true)
    public List<Account> leadsOf(long campaignId) {
        List<Long> ids = leads.accountsLeading(campaignId);
        if (ids.isEmpty()) {
            return List.of();
        }
        Sql.In in = Sql.in(ids);
        return sql.list("SELECT " + COLUMNS + " FROM account a WHERE a.id IN (" + in.placeholders() + ") ORDER BY a.email",
                Accounts::map, in.after());
    }

    /** Whom an admin may add as a lead of this campaign: enabled leads who do not lead it yet. */
    @Transactional(readOnly = true)
    public List<Account> leadsToAdd(long campaignId) {
        List<Long> current = leads.accountsLeading(campaignId);
        return list().stream()
                .filter(account -> account.role() == Role.LEAD && !account.isDisabled() && !current.contains(account.id()))
                .toList();
    }
}
