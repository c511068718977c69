import FlareWorkerAPI

/// The cron producer `historical-data-queue-producer` (spec §2): every run fetches Binance klines,
/// CoinGecko market_chart and CryptoCompare histominute for each token and queues the points.
///
/// Bindings: queue `HISTORICAL_DATA_QUEUE`. Vars/secrets: `TOKENS` (`SYMBOL[:coingeckoId],…`, default
/// `BTC-USDT:bitcoin,ETH-USDT:ethereum,SOL-USDT:solana`), `COINGECKO`, `CRYPTOCOMPARE_API_KEY`,
/// `POINTS_PER_MESSAGE` (default 100; 1 sends the original one point per message).
///
/// ```swift
/// try await HistoricalDataQueueProducer().scheduled(controller, env: env, ctx: ctx)
/// ```
public struct HistoricalDataQueueProducer: FetchHandler, ScheduledHandler {
    /// The wrangler `name`.
    public static let name = "historical-data-queue-producer"
    /// Points per queue message unless `POINTS_PER_MESSAGE` says otherwise.
    public static let defaultPointsPerMessage = 100

    /// Creates the worker.
    public init() {}

    /// Every method and path: the status body of §2.2.
    /// - Throws: never.
    public func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws
        -> WorkerResponse
    {
        OrderedJSON.object([
            ("status", .string("ok")),
            ("message", .string("Historical Data Queue Producer is running")),
            ("role", .string("Runs every 30 minutes to fetch data and queue it")),
            ("schedule", .string("*/30 * * * *")),
        ]).response()
    }

    /// One collection run (§2.2 steps 1–4).
    /// - Throws: `WorkerEnvironmentError` without the queue binding; `QueueError` when a `sendBatch`
    ///   fails (the run stops there, as the original).
    public func scheduled(_ controller: ScheduledController, env: WorkerEnvironment, ctx: ExecutionContext)
        async throws
    {
        let queue = try env.queue("HISTORICAL_DATA_QUEUE")
        env.logger.info("Starting historical data collection...")
        let start = env.clock.nowMilliseconds()
        let collector = UpstreamCollector(
            env: env, coinGeckoKey: env.vars["COINGECKO"] ?? "",
            cryptoCompareKey: env.vars["CRYPTOCOMPARE_API_KEY"] ?? "")
        let results = await collector.collect(UpstreamCollector.jobs(for: Token.parse(env.vars["TOKENS"])))
        let fetched = env.clock.nowMilliseconds()

        let perMessage =
            env.vars["POINTS_PER_MESSAGE"].flatMap { Int($0) }.map { max($0, 1) }
            ?? Self.defaultPointsPerMessage
        let requests = Self.messages(for: results, pointsPerMessage: perMessage)
        let batches = Chunking.sendBatches(requests)
        for batch in batches { try await queue.sendBatch(batch) }

        let total = results.reduce(0) { $0 + $1.count }
        let duration = env.clock.nowMilliseconds() - start
        env.logger.info("✅ Queued \(total) data points in \(duration)ms")
        // §8.25: the original divided by zero when nothing was fetched.
        let average =
            total == 0
            ? "   Average: n/a (no data points fetched)"
            : "   Average: \(Self.twoDecimals(Double(duration) / Double(total)))ms per point"
        env.logger.info("\(average)")
        let split =
            "   Fetch: \(fetched - start)ms, queueing: \(duration - (fetched - start))ms "
            + "(\(requests.count) messages in \(batches.count) sendBatch calls)"
        env.logger.info("\(split)")
        env.logger.info("   D1 writes will happen async via queue consumer")
    }

    /// The queue messages: each source's points in chunks of `pointsPerMessage`; a chunk of one is a
    /// single point object (the original's shape), larger chunks are arrays.
    static func messages(for results: [[PricePoint]], pointsPerMessage: Int) -> [QueueSendRequest] {
        results.flatMap { points in
            Chunking.chunks(points, size: pointsPerMessage).map { chunk in
                let body: JSONValue =
                    chunk.count == 1 && pointsPerMessage == 1
                    ? chunk[0].jsonValue : .array(chunk.map(\.jsonValue))
                return QueueSendRequest(body: .json(body))
            }
        }
    }

    /// `x.toFixed(2)`.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
