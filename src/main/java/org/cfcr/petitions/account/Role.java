package org.cfcr.petitions.account;

public enum Role {
    /** Manages every campaign and the accounts of leads. */
    ADMIN,
    /** Manages only the campaigns assigned to them. */
    LEAD
}
