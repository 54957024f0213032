-- Second factors of lead and admin accounts: authenticator apps (TOTP, RFC 6238) and passkeys
-- (WebAuthn). A TOTP row keeps its shared secret sealed like signers' data (key_id names the key)
-- and the last time step it accepted, so that each code opens one sign-in only. A passkey row keeps
-- the credential's public key (webauthn4j's attested credential data, base64), its id's SHA-256
-- for the lookup, and the authenticator's signature counter.
CREATE TABLE account_factor (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id      BIGINT        NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  label           VARCHAR(100)  NOT NULL,
  secret          VARCHAR(255)  NULL,
  key_id          INT           NULL,
  last_step       BIGINT        NULL,
  credential_hash BINARY(32)    NULL,
  credential      VARCHAR(4000) NULL,
  sign_count      BIGINT        NULL,
  created_at      DATETIME(6)   NOT NULL,
  last_used_at    DATETIME(6)   NULL,
  CONSTRAINT uq_factor_credential UNIQUE (credential_hash),
  CONSTRAINT fk_factor_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_factor_account ON account_factor (account_id);

-- One-time recovery codes for a lost second factor, stored as SHA-256 (each has 80 random bits).
CREATE TABLE recovery_code (
  id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id BIGINT      NOT NULL,
  code_hash  BINARY(32)  NOT NULL,
  created_at DATETIME(6) NOT NULL,
  used_at    DATETIME(6) NULL,
  CONSTRAINT uq_recovery_code UNIQUE (account_id, code_hash),
  CONSTRAINT fk_recovery_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A second factor is required of every admin, and of every lead unless an admin lets that lead
-- sign in with the password alone.
ALTER TABLE account ADD COLUMN second_factor_optional BOOLEAN NOT NULL DEFAULT FALSE;

-- A session is verified once its second factor is proved (or, for an account that needs none and
-- has none, at once); until then it may only prove or enrol one. stepped_up_at is when the second
-- factor was last proved, for the actions that ask for it again. challenge is the one WebAuthn
-- challenge this session may answer, cleared when answered.
ALTER TABLE account_session ADD COLUMN verified_at DATETIME(6) NULL;
ALTER TABLE account_session ADD COLUMN stepped_up_at DATETIME(6) NULL;
ALTER TABLE account_session ADD COLUMN challenge BINARY(32) NULL;
ALTER TABLE account_session ADD COLUMN challenge_expires_at DATETIME(6) NULL;
