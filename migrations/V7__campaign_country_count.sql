-- Confirmed signatures per campaign and country, folded from count_delta together with the totals.
CREATE TABLE campaign_country_count (
  campaign_id BIGINT      NOT NULL,
  country     CHAR(2)     NOT NULL,
  confirmed   BIGINT      NOT NULL,
  updated_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (campaign_id, country),
  CONSTRAINT fk_country_count_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
