-- Migration number: 0001 	 price-data-schema.sql (Coinswarm spec §5.1), unchanged apart from comments.
-- price_data is the consumer's target; timestamps are seconds since the epoch (docs/coinswarm.md).

CREATE TABLE IF NOT EXISTS price_data (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    timeframe TEXT NOT NULL,      -- '1m', '1h', '1d'
    open REAL NOT NULL,
    high REAL NOT NULL,
    low REAL NOT NULL,
    close REAL NOT NULL,
    volume_from REAL,             -- Base currency volume
    volume_to REAL,               -- Quote currency volume
    source TEXT NOT NULL,         -- 'cryptocompare', 'coingecko', 'binance', 'dexscreener'
    created_at INTEGER DEFAULT (unixepoch()),
    UNIQUE(symbol, timestamp, timeframe, source)
);

CREATE INDEX IF NOT EXISTS idx_price_data_symbol_timeframe ON price_data(symbol, timeframe, timestamp DESC);
CREATE INDEX IF NOT EXISTS idx_price_data_timestamp ON price_data(timestamp DESC);

CREATE TABLE IF NOT EXISTS collection_progress (
    symbol TEXT PRIMARY KEY,
    coin_id TEXT NOT NULL,
    minutes_collected INTEGER DEFAULT 0,
    days_collected INTEGER DEFAULT 0,
    hours_collected INTEGER DEFAULT 0,
    total_minutes INTEGER NOT NULL,
    total_days INTEGER NOT NULL,
    total_hours INTEGER NOT NULL,
    daily_status TEXT DEFAULT 'pending',   -- 'pending', 'in_progress', 'completed', 'paused'
    minute_status TEXT DEFAULT 'pending',
    hourly_status TEXT DEFAULT 'pending',
    error_count INTEGER DEFAULT 0,
    last_error TEXT,
    last_minute_timestamp INTEGER,
    updated_at INTEGER DEFAULT (unixepoch())
);

CREATE TABLE IF NOT EXISTS collection_alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_type TEXT NOT NULL,     -- e.g. 'daily_complete', 'hourly_complete', 'minute_25'
    message TEXT NOT NULL,
    severity TEXT NOT NULL,       -- 'info', 'warning', 'success', 'error'
    metadata TEXT,                -- JSON
    acknowledged BOOLEAN DEFAULT 0,
    created_at INTEGER DEFAULT (unixepoch())
);

CREATE INDEX IF NOT EXISTS idx_alerts_created ON collection_alerts(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_alerts_ack ON collection_alerts(acknowledged, created_at DESC);

CREATE TABLE IF NOT EXISTS technical_indicators (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    sma_20 REAL,
    sma_50 REAL,
    sma_200 REAL,
    ema_12 REAL,
    ema_26 REAL,
    ema_50 REAL,
    bb_upper REAL,
    bb_middle REAL,
    bb_lower REAL,
    bb_width REAL,
    macd REAL,
    macd_signal REAL,
    macd_histogram REAL,
    rsi_14 REAL,
    fear_greed_index REAL,
    volume_sma_20 REAL,
    volume_ratio REAL,
    created_at INTEGER DEFAULT (unixepoch()),
    UNIQUE(symbol, timestamp, timeframe)
);

CREATE INDEX IF NOT EXISTS idx_indicators_symbol_timeframe ON technical_indicators(symbol, timeframe, timestamp DESC);
CREATE INDEX IF NOT EXISTS idx_indicators_timestamp ON technical_indicators(timestamp DESC);

CREATE TABLE IF NOT EXISTS rate_limit_buckets (
    source TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    max_tokens REAL NOT NULL,
    refill_rate REAL NOT NULL,    -- tokens/sec
    last_refill INTEGER NOT NULL, -- unix time
    updated_at INTEGER DEFAULT (unixepoch())
);
