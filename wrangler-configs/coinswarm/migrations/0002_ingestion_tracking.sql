-- Migration number: 0002 	 failed_ingestions and ingestion_stats (shapes of spec §5.2), now written:
-- failed_ingestions by the consumer (rows D1 refused) and the dead-letter consumer (every arrival);
-- ingestion_stats by the consumer, one row per source per batch. Columns after raw_data / timestamp
-- are additions (see docs/coinswarm.md). Times are seconds since the epoch.

CREATE TABLE IF NOT EXISTS failed_ingestions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol TEXT NOT NULL,         -- '' when the element had none
    timestamp INTEGER NOT NULL,   -- 0 when the element had none
    error_message TEXT NOT NULL,
    retry_count INTEGER NOT NULL, -- the message's delivery attempts
    failed_at INTEGER NOT NULL,
    raw_data TEXT,                -- JSON of the failed point (or the whole body)
    source TEXT,
    queue TEXT,
    message_id TEXT
);

CREATE INDEX IF NOT EXISTS idx_failed_symbol_timestamp ON failed_ingestions(symbol, timestamp DESC);

CREATE TABLE IF NOT EXISTS ingestion_stats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_size INTEGER NOT NULL,        -- unique points of this source in the batch
    duration_ms INTEGER NOT NULL,
    throughput_per_sec REAL NOT NULL,   -- rows inserted per second
    source TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    inserted INTEGER NOT NULL DEFAULT 0, -- rows actually inserted (meta.changes)
    messages INTEGER NOT NULL DEFAULT 0  -- messages in the batch
);

CREATE VIEW IF NOT EXISTS ingestion_performance AS
SELECT source, AVG(throughput_per_sec) AS avg_throughput, MAX(throughput_per_sec) AS max_throughput,
       AVG(batch_size) AS avg_batch_size, COUNT(*) AS total_batches
FROM ingestion_stats GROUP BY source;
