-- Public counts. A confirmation appends a +1 row to count_delta (no shared row is touched on the
-- signing path); a background folder moves deltas into campaign_count a few times a second.
CREATE TABLE count_delta (
  id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT      NOT NULL,
  country     CHAR(2)     NOT NULL,
  delta       INT         NOT NULL,
  created_at  DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE campaign_count (
  campaign_id BIGINT      NOT NULL PRIMARY KEY,
  confirmed   BIGINT      NOT NULL,
  updated_at  DATETIME(6) NOT NULL,
  CONSTRAINT fk_count_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
