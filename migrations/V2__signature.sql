-- One row per person per campaign: email_key is SHA-256 of the normalised email, so the
-- unique constraint stays small and independent of the column collation.
-- name and city hold at most 100 code points (checked by the service); the columns are wider
-- because some engines count UTF-16 units rather than code points.
CREATE TABLE signature (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  campaign_id     BIGINT       NOT NULL,
  email_key       BINARY(32)   NOT NULL,
  email           VARCHAR(254) NOT NULL,
  name            VARCHAR(200) NOT NULL,
  country         CHAR(2)      NOT NULL,
  city            VARCHAR(200) NULL,
  public_display  VARCHAR(16)  NOT NULL,
  email_updates   BOOLEAN      NOT NULL,
  lang            VARCHAR(8)   NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  confirmed_at    DATETIME(6)  NULL,
  last_emailed_at DATETIME(6)  NOT NULL,
  emails_sent     INT          NOT NULL,
  CONSTRAINT uq_signature_person UNIQUE (campaign_id, email_key),
  CONSTRAINT fk_signature_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_signature_public_list ON signature (campaign_id, status, confirmed_at, id);
