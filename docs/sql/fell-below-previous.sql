-- Runs that fell 5 % or more below their own trial's run at n - 1 queues (the blog's dip), with both busy counts.
WITH t AS (
  SELECT host, run_set, trial, queues, name, throughput_bps, busy_queues,
         LAG(throughput_bps) OVER (PARTITION BY host, run_set, trial ORDER BY queues) AS previous_bps,
         LAG(queues) OVER (PARTITION BY host, run_set, trial ORDER BY queues) AS previous_queues,
         LAG(busy_queues) OVER (PARTITION BY host, run_set, trial ORDER BY queues) AS previous_busy
  FROM runs
  WHERE trial IS NOT NULL
)
SELECT host, run_set, trial, queues, name, throughput_bps, previous_bps, busy_queues, previous_busy
FROM t
WHERE previous_queues = queues - 1 AND throughput_bps <= previous_bps * 0.95
ORDER BY host, run_set, trial, queues
