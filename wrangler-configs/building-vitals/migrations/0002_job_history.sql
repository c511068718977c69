-- Migration number: 0002 	 job_history: final jobs archived by the daily cron (spec §4.8 scheduled).
CREATE TABLE IF NOT EXISTS job_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL,
    site_name TEXT NOT NULL,
    points_count INTEGER NOT NULL,
    status TEXT NOT NULL,
    duration_ms INTEGER,
    samples_count INTEGER,
    data_size INTEGER,
    error_message TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    archived_at INTEGER
);
CREATE INDEX IF NOT EXISTS idx_job_history_site ON job_history (site_name);
CREATE INDEX IF NOT EXISTS idx_job_history_created_at ON job_history (created_at);
