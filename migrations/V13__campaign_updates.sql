-- News from a campaign to the signers who asked for it, in both languages. A mailing is queued
-- in batches by whichever node claims it next (next_signature_id is its cursor), so writing an
-- update never waits for 100,000 emails to be queued.
CREATE TABLE campaign_update (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  campaign_id       BIGINT       NOT NULL,
  title_en          VARCHAR(200) NOT NULL,
  title_zh          VARCHAR(200) NOT NULL,
  body_en           TEXT         NOT NULL,
  body_zh           TEXT         NOT NULL,
  created_by        BIGINT       NOT NULL,
  created_at        DATETIME(6)  NOT NULL,
  mailing_state     VARCHAR(16)  NOT NULL,
  next_signature_id BIGINT       NOT NULL,
  recipients        INT          NOT NULL,
  queued_at         DATETIME(6)  NULL,
  CONSTRAINT fk_update_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_update_campaign ON campaign_update (campaign_id, id);
CREATE INDEX ix_update_mailing ON campaign_update (mailing_state);

ALTER TABLE outbox_email ADD COLUMN update_id BIGINT NULL;
-- Lane 0: emails a signer is waiting for (confirmations); lane 1: mailings. A sender fills its
-- batch from lane 0 first, so a mailing to 100,000 people never delays a confirmation link.
ALTER TABLE outbox_email ADD COLUMN lane TINYINT NOT NULL DEFAULT 0;
CREATE INDEX ix_outbox_lane_due ON outbox_email (status, lane, next_attempt_at);
