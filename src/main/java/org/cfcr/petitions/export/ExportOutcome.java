package org.cfcr.petitions.export;

/** How an export ended (export_record.outcome); recorded before the first row leaves as RUNNING. */
public enum ExportOutcome {
    RUNNING,
    COMPLETE,
    /** The client went away before the last row. */
    CANCELLED,
    FAILED
}
