-- Hosts whose busy queues depart from the model: measured mean against the model's mean, and a z score
-- (sum of measured busy queues minus the model's expectation, over the model's standard deviation of that sum).
WITH e AS (
  SELECT DISTINCT host, queues, streams, busy, p_busy
  FROM model
),
expect AS (
  SELECT host, queues, streams,
         SUM(busy * p_busy) AS mean_busy,
         SUM(busy * busy * p_busy) - SUM(busy * p_busy) * SUM(busy * p_busy) AS var_busy
  FROM e
  GROUP BY host, queues, streams
)
SELECT r.host,
       COUNT(*) AS runs,
       AVG(r.busy_queues) AS mean_busy,
       AVG(x.mean_busy) AS expected_mean_busy,
       (SUM(r.busy_queues) - SUM(x.mean_busy)) / NULLIF(SQRT(SUM(x.var_busy)), 0) AS z
FROM runs r
JOIN expect x ON x.host = r.host AND x.queues = r.queues AND x.streams = r.streams
WHERE r.busy_queues IS NOT NULL AND r.queues >= 2
GROUP BY r.host
ORDER BY r.host
