-- API tokens expire (petitions.api-tokens.lifetime, 90 days by default, fixed when a token is made).
-- Tokens from before had no end: they get the default lifetime counted from their creation, as if
-- the rule had always held, so a token older than 90 days stops now and its owner makes a new one.
ALTER TABLE api_token ADD COLUMN expires_at DATETIME(6) NULL;
UPDATE api_token SET expires_at = TIMESTAMPADD(DAY, 90, created_at);
ALTER TABLE api_token MODIFY expires_at DATETIME(6) NOT NULL;

-- A password an admin set (a new account) is known to two people: until its owner chooses their
-- own, their session can do nothing but change it.
ALTER TABLE account ADD COLUMN password_must_change BOOLEAN NOT NULL DEFAULT FALSE;
