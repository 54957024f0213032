-- Secrets every node must share (e.g. the key that signs CSRF tokens). Created at first start,
-- so a cluster needs no extra configuration and no node keeps state the others need.
CREATE TABLE app_secret (
  name       VARCHAR(64)  NOT NULL PRIMARY KEY,
  secret     VARBINARY(64) NOT NULL,
  created_at DATETIME(6)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
