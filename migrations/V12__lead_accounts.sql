-- Campaign leads and admins. Emails are stored lower-cased; passwords only as Argon2id hashes.
CREATE TABLE account (
  id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email               VARCHAR(254) NOT NULL,
  name                VARCHAR(200) NOT NULL,
  role                VARCHAR(16)  NOT NULL,
  password_hash       VARCHAR(255) NOT NULL,
  disabled_at         DATETIME(6)  NULL,
  created_at          DATETIME(6)  NOT NULL,
  password_changed_at DATETIME(6)  NOT NULL,
  CONSTRAINT uq_account_email UNIQUE (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Login sessions, shared by every node: the cookie holds a random token, the table its SHA-256.
CREATE TABLE account_session (
  token_hash   BINARY(32)  NOT NULL PRIMARY KEY,
  account_id   BIGINT      NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  last_seen_at DATETIME(6) NOT NULL,
  expires_at   DATETIME(6) NOT NULL,
  CONSTRAINT fk_session_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_session_account ON account_session (account_id);

-- Personal API tokens for automation (exports with curl), shown once and stored as SHA-256.
CREATE TABLE api_token (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash   BINARY(32)   NOT NULL,
  account_id   BIGINT       NOT NULL,
  label        VARCHAR(100) NOT NULL,
  created_at   DATETIME(6)  NOT NULL,
  last_used_at DATETIME(6)  NULL,
  revoked_at   DATETIME(6)  NULL,
  CONSTRAINT uq_api_token_hash UNIQUE (token_hash),
  CONSTRAINT fk_api_token_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Failed logins, for the lockout. device is set when the browser showed a known-device cookie for
-- that account: such attempts are limited on their own, so strangers cannot lock a lead out.
CREATE TABLE login_failure (
  id        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email     VARCHAR(254) NOT NULL,
  device    VARCHAR(64)  NULL,
  client    VARCHAR(64)  NOT NULL,
  failed_at DATETIME(6)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_login_failure_email ON login_failure (email, failed_at);
CREATE INDEX ix_login_failure_client ON login_failure (client, failed_at);
CREATE INDEX ix_login_failure_time ON login_failure (failed_at);

-- Which leads manage which campaign (admins manage all).
CREATE TABLE campaign_lead (
  campaign_id BIGINT NOT NULL,
  account_id  BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, account_id),
  CONSTRAINT fk_lead_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
  CONSTRAINT fk_lead_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_lead_account ON campaign_lead (account_id);

-- Who did what, when: every change to campaigns and accounts, every export, every update sent.
CREATE TABLE audit_event (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at          DATETIME(6)   NOT NULL,
  account_id  BIGINT        NULL,
  campaign_id BIGINT        NULL,
  action      VARCHAR(40)   NOT NULL,
  detail      VARCHAR(4000) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_audit_campaign ON audit_event (campaign_id, id);
CREATE INDEX ix_audit_action ON audit_event (action, id);

-- Exports of signatures: who, when, which filters, how many rows.
CREATE TABLE export_record (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  started_at  DATETIME(6)  NOT NULL,
  account_id  BIGINT       NOT NULL,
  campaign_id BIGINT       NOT NULL,
  via         VARCHAR(8)   NOT NULL,
  filters     VARCHAR(500) NOT NULL,
  row_count   BIGINT       NULL,
  finished_at DATETIME(6)  NULL,
  outcome     VARCHAR(16)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_export_started ON export_record (started_at);

-- Exports and update mailings walk one campaign's signatures in id order.
CREATE INDEX ix_signature_campaign_id ON signature (campaign_id, id);
