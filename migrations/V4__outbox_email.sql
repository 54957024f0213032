-- Emails to send, written in the same transaction as the change that causes them.
-- A sender claims due rows with SELECT ... FOR UPDATE SKIP LOCKED and pushes next_attempt_at
-- forward by a lease, so a node that dies mid-send releases its work by itself.
CREATE TABLE outbox_email (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind            VARCHAR(32)  NOT NULL,
  signature_id    BIGINT       NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  attempts        INT          NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  next_attempt_at DATETIME(6)  NOT NULL,
  lease_owner     VARCHAR(64)  NULL,
  sent_at         DATETIME(6)  NULL,
  last_error      VARCHAR(500) NULL,
  CONSTRAINT fk_outbox_signature FOREIGN KEY (signature_id) REFERENCES signature (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_outbox_due ON outbox_email (status, next_attempt_at);
