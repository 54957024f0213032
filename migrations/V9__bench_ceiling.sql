-- Used only by the benchmark's "trivial POST that does one INSERT" ceiling (bench/run), when
-- PETITIONS_BENCH_CEILINGS=true; empty otherwise.
CREATE TABLE bench_ceiling (
  id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  note       VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
