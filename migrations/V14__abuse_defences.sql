-- Abuse defences (issue 5).
-- Where a signature came from, kept only in a form useful against floods, and only for a while
-- (petitions.retention.client-address): a keyed hash of the address (IPv6: of its /64) and the
-- network it belongs to, truncated to /24 (IPv4) or /48 (IPv6).
ALTER TABLE signature ADD COLUMN client_hash BINARY(16) NULL;
ALTER TABLE signature ADD COLUMN client_prefix VARBINARY(16) NULL;
-- A signature held back by an automatic rule (hold_rule), or invalidated by a lead
-- (invalidation_id), never counts and is never listed, whatever its status. Releasing the hold or
-- undoing the invalidation brings it back.
ALTER TABLE signature ADD COLUMN hold_rule VARCHAR(16) NULL;
ALTER TABLE signature ADD COLUMN invalidation_id BIGINT NULL;
CREATE INDEX ix_signature_client ON signature (campaign_id, client_prefix, client_hash);
-- releasing and undoing are rare lead actions: they scan the campaign's rows rather than make
-- every signature pay for two more indexes


-- One row per invalidation a lead made; criteria says in words what was matched.
CREATE TABLE invalidation (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT        NOT NULL,
  criteria    VARCHAR(2000) NOT NULL,
  matched     INT           NOT NULL,
  created_by  BIGINT        NULL,
  created_at  DATETIME(6)   NOT NULL,
  undone_by   BIGINT        NULL,
  undone_at   DATETIME(6)   NULL,
  CONSTRAINT fk_invalidation_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_invalidation_campaign ON invalidation (campaign_id, id);

-- The proof-of-work challenge: AUTO (on while the campaign is flooded), ON or OFF, chosen by a lead.
ALTER TABLE campaign ADD COLUMN challenge VARCHAR(8) NOT NULL DEFAULT 'AUTO';
ALTER TABLE campaign ADD COLUMN challenge_until DATETIME(6) NULL;
-- When the signers' personal data was erased, some time after the campaign closed.
ALTER TABLE campaign ADD COLUMN anonymised_at DATETIME(6) NULL;

-- Where a background job that walks the signature table in id order has got to, shared by every
-- node (the job locks its row, so one node walks at a time).
CREATE TABLE job_cursor (
  name     VARCHAR(64) NOT NULL PRIMARY KEY,
  position BIGINT      NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO job_cursor (name, position) VALUES ('client-address-expiry', 0);
