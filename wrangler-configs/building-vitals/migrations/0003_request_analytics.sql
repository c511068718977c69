-- Migration number: 0003 	 request_analytics: one row per routed /api/timeseries request, read by /api/stats (§9.19).
CREATE TABLE IF NOT EXISTS request_analytics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT NOT NULL,
    site TEXT NOT NULL,
    points_count INTEGER NOT NULL,
    route_type TEXT NOT NULL CHECK (route_type IN ('direct', 'cached', 'queued')),
    cache_hit INTEGER NOT NULL DEFAULT 0,
    estimated_size INTEGER,
    duration_ms INTEGER,
    success INTEGER NOT NULL,
    status_code INTEGER,
    error TEXT,
    timestamp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_analytics_route ON request_analytics (route_type);
CREATE INDEX IF NOT EXISTS idx_analytics_timestamp ON request_analytics (timestamp);
