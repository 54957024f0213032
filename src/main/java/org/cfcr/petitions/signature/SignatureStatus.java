package org.cfcr.petitions.signature;

public enum SignatureStatus {
    /** Waiting for the signer to confirm by email; not counted, not listed. */
    PENDING,
    /** Confirmed by the owner of the email address; counted and listed. */
    CONFIRMED,
    /** Removed by its signer: not counted, not listed, personal data erased. */
    WITHDRAWN;

    /**
     * The SQL condition for a signature that counts and is listed: confirmed, and neither held back
     * by an automatic check nor invalidated by a lead.
     */
    public static final String COUNTED_SQL = "status = 'CONFIRMED' AND hold_rule IS NULL AND invalidation_id IS NULL";

    /** Whether a signature row (read with hold_rule and invalidation_id) is held back, whatever its status. */
    static boolean isHeld(java.sql.ResultSet row) throws java.sql.SQLException {
        return row.getString("hold_rule") != null || row.getObject("invalidation_id") != null;
    }
}
