-- Only a SHA-256 hash of each emailed token is kept. A signature may have several live tokens:
-- every link that was sent stays valid until it expires or the signature is confirmed.
CREATE TABLE confirmation_token (
  token_hash   BINARY(32)  NOT NULL PRIMARY KEY,
  signature_id BIGINT      NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  expires_at   DATETIME(6) NOT NULL,
  CONSTRAINT fk_token_signature FOREIGN KEY (signature_id) REFERENCES signature (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_token_signature ON confirmation_token (signature_id);
CREATE INDEX ix_token_expiry ON confirmation_token (expires_at);
