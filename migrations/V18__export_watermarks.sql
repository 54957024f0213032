-- Traceable exports (issue 14, part 7). Every export's rows carry a ref that only this export
-- could have written, and a few canary rows: made-up signers, written into the file and nowhere
-- else. They are never signatures, so they never reach a count, a list or an email; this table is
-- how a canary found in a leaked file names its export. The email is unique among all canaries
-- (lower-cased), so one canary names one export.
CREATE TABLE export_canary (
  id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  export_record_id BIGINT       NOT NULL,
  email            VARCHAR(254) NOT NULL,
  name             VARCHAR(200) NOT NULL,
  -- the id the file shows for it, and how many real rows came before it
  row_id           BIGINT       NOT NULL,
  after_rows       BIGINT       NOT NULL,
  CONSTRAINT uq_export_canary_email UNIQUE (email),
  CONSTRAINT fk_export_canary_record FOREIGN KEY (export_record_id) REFERENCES export_record (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_export_canary_record ON export_canary (export_record_id);

-- The filters of an export as values, beside the words of export_record.filters: when a leaked
-- file has lost its refs and canaries, they tell which exports could have held its signers.
-- NULL for exports made before this migration (their filters are then unknown).
ALTER TABLE export_record ADD COLUMN include_pending BOOLEAN NULL;
ALTER TABLE export_record ADD COLUMN signed_from DATE NULL;
ALTER TABLE export_record ADD COLUMN signed_to DATE NULL;
ALTER TABLE export_record ADD COLUMN only_updates BOOLEAN NULL;
CREATE INDEX ix_export_campaign ON export_record (campaign_id, id);
