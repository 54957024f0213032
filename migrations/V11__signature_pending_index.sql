-- Lets the retention job find old unconfirmed signatures without scanning the table.
CREATE INDEX ix_signature_status_created ON signature (status, created_at);
