-- Campaigns with their texts in English and Simplified Chinese, side by side.
CREATE TABLE campaign (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug        VARCHAR(80)  NOT NULL,
  state       VARCHAR(16)  NOT NULL,
  goal        INT          NOT NULL,
  deadline    DATETIME(6)  NULL,
  closed_at   DATETIME(6)  NULL,
  title_en    VARCHAR(200) NOT NULL,
  title_zh    VARCHAR(200) NOT NULL,
  summary_en  VARCHAR(1000) NOT NULL,
  summary_zh  VARCHAR(1000) NOT NULL,
  body_en     TEXT         NOT NULL,
  body_zh     TEXT         NOT NULL,
  target_en   VARCHAR(300) NOT NULL,
  target_zh   VARCHAR(300) NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  updated_at  DATETIME(6)  NOT NULL,
  CONSTRAINT uq_campaign_slug UNIQUE (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
