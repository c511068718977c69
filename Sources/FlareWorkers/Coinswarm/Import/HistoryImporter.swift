import FlareWorkerAPI

/// Fetches one page of CryptoCompare history and queues it in messages of 100 candles (§4.3, §4.4).
struct HistoryImporter: Sendable {
    static let symbol = "BTC-USDC"
    static let fsym = "BTC"
    static let tsym = "USDC"
    static let exchange = "CCCAGG"

    var env: WorkerEnvironment
    var queue: any Queue
    var apiKey: String

    /// Fetches the page ending at `parameters.toTs` (the newest when `nil`) and queues its candles
    /// labelled with the timeframe actually fetched (§8.6 fix: the Python worker always wrote `1d`).
    /// - Throws: ``UpstreamError`` (`HTTP error: <status>`, `Unexpected CryptoCompare response: …`),
    ///   `FetchError`, or `QueueError`.
    func run(_ parameters: TriggerParameters) async throws -> HistoryPage {
        let url = UpstreamURLs.cryptoCompareHistory(
            timeframe: parameters.timeframe, fsym: Self.fsym, tsym: Self.tsym, limit: HistoryPage.limit,
            exchange: Self.exchange, toTs: parameters.toTs, apiKey: apiKey)
        let response = try await env.fetch(url)
        guard response.status.code == 200 else { throw UpstreamError(message: "HTTP error: \(response.status.code)") }
        let page = HistoryPage(returned: try CryptoCompareHistoParser.parse(try await response.body.collect()))
        let points = page.candles.map { $0.point(symbol: Self.symbol, timeframe: parameters.timeframe.label) }
        let messages = Self.messages(for: points)
        for batch in Chunking.sendBatches(messages) { try await queue.sendBatch(batch) }
        if !points.isEmpty {
            env.logger.info("Queued \(points.count) candles for \(Self.symbol) in \(messages.count) batches")
        }
        return page
    }

    /// One message per 100 candles, each an array of contract points (the Python worker sent the same
    /// array as a JSON string; the consumer accepts both).
    static func messages(for points: [PricePoint]) -> [QueueSendRequest] {
        Chunking.chunks(points).map { QueueSendRequest(body: .json(.array($0.map(\.jsonValue)))) }
    }
}
