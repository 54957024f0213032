-- The benchmark's insert ceiling no longer ships in the product (bench/ starts it beside the
-- service with a table of its own), so production databases keep no table for it.
DROP TABLE IF EXISTS bench_ceiling;
