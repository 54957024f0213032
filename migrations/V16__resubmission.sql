-- Submissions are snapshots (issue 14). A signature row, while pending, holds exactly what its
-- first submission said. A later submission for the same mailbox, while the signature is still
-- pending, is kept here, apart, with what it said and where its email goes; only its own link can
-- publish it (confirming copies it into the signature). Nothing another submission writes can
-- change what a link publishes. Rows go once the signature is confirmed or erased.
CREATE TABLE resubmission (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  signature_id   BIGINT       NOT NULL,
  email          VARCHAR(254) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  country        CHAR(2)      NOT NULL,
  city           VARCHAR(200) NULL,
  public_display VARCHAR(16)  NOT NULL,
  email_updates  BOOLEAN      NOT NULL,
  lang           VARCHAR(8)   NOT NULL,
  hold_rule      VARCHAR(16)  NULL,
  created_at     DATETIME(6)  NOT NULL,
  CONSTRAINT fk_resubmission_signature FOREIGN KEY (signature_id) REFERENCES signature (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_resubmission_signature ON resubmission (signature_id);

-- A confirmation link publishes one submission: the signature's first (NULL) or a resubmission.
ALTER TABLE confirmation_token ADD COLUMN resubmission_id BIGINT NULL;

-- What an email carries besides its signer: a campaign update for a mailing, the resubmission a
-- confirmation link is for. One column, read according to the email's kind.
ALTER TABLE outbox_email RENAME COLUMN update_id TO item_id;
