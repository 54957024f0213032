-- Campaign texts in Traditional Chinese (zh-Hant), for readers in Hong Kong, Macau, Taiwan and much
-- of the diaspora. NULL where the lead wrote none: pages then show the Simplified text converted
-- (ICU's Simplified-Traditional), so every campaign reads in both scripts from the day it opens.
-- One ALTER with a parenthesised list: MySQL, MariaDB and the embedded H2 all read that form.
ALTER TABLE campaign ADD COLUMN (
  title_zh_hant   VARCHAR(200)  NULL,
  summary_zh_hant VARCHAR(1000) NULL,
  body_zh_hant    TEXT          NULL,
  target_zh_hant  VARCHAR(300)  NULL
);
