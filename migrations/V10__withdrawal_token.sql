-- "Remove my signature" links: one per email sent, stored only as SHA-256. They work until the
-- signature is withdrawn (then its personal data is erased and the tokens deleted).
CREATE TABLE withdrawal_token (
  token_hash   BINARY(32)  NOT NULL PRIMARY KEY,
  signature_id BIGINT      NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  CONSTRAINT fk_withdrawal_signature FOREIGN KEY (signature_id) REFERENCES signature (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_withdrawal_signature ON withdrawal_token (signature_id);
