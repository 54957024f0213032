-- Signers' names, email addresses and cities are sealed (AES-256-GCM through Tink, keys outside
-- the database) and stored as base64 text: the columns widen to hold a sealed value of the
-- longest allowed one. key_id names the key that sealed a row; NULL marks a row written before
-- this change, still in clear until the re-sealing job reaches it (it does so as a node starts).
ALTER TABLE signature MODIFY email VARCHAR(400) NOT NULL;
ALTER TABLE signature MODIFY name VARCHAR(600) NOT NULL;
ALTER TABLE signature MODIFY city VARCHAR(600) NULL;
ALTER TABLE signature ADD COLUMN key_id INT NULL;
-- the keyed hash of the address's domain: floods are grouped and invalidated by domain without
-- decrypting, and without the key a dump cannot tell which domain a row has
ALTER TABLE signature ADD COLUMN email_domain BINARY(32) NULL;

ALTER TABLE resubmission MODIFY email VARCHAR(400) NOT NULL;
ALTER TABLE resubmission MODIFY name VARCHAR(600) NOT NULL;
ALTER TABLE resubmission MODIFY city VARCHAR(600) NULL;
ALTER TABLE resubmission ADD COLUMN key_id INT NULL;
