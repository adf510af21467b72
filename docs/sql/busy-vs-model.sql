-- Measured busy queues against the model's busy-queue distribution, per (kernel, driver, queues N, streams K, busy).
-- Tables: runs and model of the queue-lens dataset (docs/dataset.md). Portable SQL: DuckDB, Spark SQL, Trino.
WITH obs AS (
  SELECT kernel, driver, queues, streams, busy_queues AS busy, COUNT(*) AS runs
  FROM runs
  WHERE busy_queues IS NOT NULL AND queues >= 2
  GROUP BY kernel, driver, queues, streams, busy_queues
),
tot AS (
  SELECT kernel, driver, queues, streams, SUM(runs) AS total
  FROM obs
  GROUP BY kernel, driver, queues, streams
),
m AS (
  SELECT DISTINCT kernel, driver, queues, streams, busy, p_busy
  FROM model
)
SELECT t.kernel, t.driver, t.queues, t.streams, m.busy,
       COALESCE(o.runs, 0) AS observed,
       t.total * m.p_busy AS expected
FROM tot t
JOIN m ON m.kernel = t.kernel AND m.driver = t.driver AND m.queues = t.queues AND m.streams = t.streams
LEFT JOIN obs o ON o.kernel = t.kernel AND o.driver = t.driver AND o.queues = t.queues AND o.streams = t.streams AND o.busy = m.busy
ORDER BY t.kernel, t.driver, t.queues, t.streams, m.busy
