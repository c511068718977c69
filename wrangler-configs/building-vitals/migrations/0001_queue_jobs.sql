-- Migration number: 0001 	 queue_jobs: the one reconciled job table (Building-Vitals spec §6, §9.7).
-- Times are INTEGER unix milliseconds, always compared with bound integers (never datetime('now')).
CREATE TABLE IF NOT EXISTS queue_jobs (
    job_id TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    site_name TEXT NOT NULL,
    points_json TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    user_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'retrying', 'cancelled')),
    priority INTEGER NOT NULL DEFAULT 0,
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    estimated_size INTEGER,
    samples_count INTEGER,
    data_size INTEGER,
    cache_key TEXT,
    error_message TEXT,
    retry_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    started_at INTEGER,
    completed_at INTEGER,
    failed_at INTEGER,
    cancelled_at INTEGER,
    dead_lettered_at INTEGER,
    processing_time_ms INTEGER
);
CREATE INDEX IF NOT EXISTS idx_queue_jobs_status_created ON queue_jobs (status, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_queue_jobs_request_hash ON queue_jobs (request_hash, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_queue_jobs_user_created ON queue_jobs (user_id, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_queue_jobs_site_created ON queue_jobs (site_name, created_at DESC);
