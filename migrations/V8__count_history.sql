-- The confirmed count of each campaign at the end of each minute in which it changed; append-only.
-- Minutes without a row carry the previous value forward.
CREATE TABLE count_history (
  campaign_id BIGINT      NOT NULL,
  at_minute   DATETIME    NOT NULL,
  confirmed   BIGINT      NOT NULL,
  PRIMARY KEY (campaign_id, at_minute),
  CONSTRAINT fk_history_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
