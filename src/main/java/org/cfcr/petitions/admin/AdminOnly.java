package org.cfcr.petitions.admin;

import io.micronaut.http.HttpStatus;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.kernel.web.PageException;

/** Pages and actions for admins only; a lead gets a page that says so (403). */
final class AdminOnly {

    private AdminOnly() {
    }

    static Account require(Account account) {
        if (!account.isAdmin()) {
            throw PageException.error(HttpStatus.FORBIDDEN, "error.admin.forbidden");
        }
        return account;
    }
}
