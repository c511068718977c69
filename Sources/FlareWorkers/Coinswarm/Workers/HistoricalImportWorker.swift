import FlareWorkerAPI

/// The import worker `coinswarm-historical-import` (spec §4, originally Python): `POST /trigger`
/// fetches one page of BTC-USDC CCCAGG history from CryptoCompare and queues it for the consumer.
///
/// Bindings: queue `HISTORICAL_QUEUE`. Vars/secrets: `CRYPTOCOMPARE_API_KEY` (sent as `api_key`).
///
/// ```
/// POST /trigger                       the newest 2000 days
/// POST /trigger {"toTs": 1699920000}  the page ending there (or ?toTs=1699920000)
/// ```
public struct HistoricalImportWorker: FetchHandler {
    /// The wrangler `name`.
    public static let name = "coinswarm-historical-import"

    /// Creates the worker.
    public init() {}

    /// `POST /trigger` → 200 with the page and `next_trigger`, or 500 with the error; anything
    /// else → 200 with a usage message (§4.5).
    /// - Throws: never; failures become the 500 response.
    public func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws
        -> WorkerResponse
    {
        guard request.method.rawValue == "POST", request.path == "/trigger" || request.path == "trigger" else {
            return OrderedJSON.object([
                ("status", .string("ok")), ("message", .string("Use POST /trigger to start ingestion.")),
            ]).response()
        }
        do {
            let body = try? await request.body.json()
            let parameters = try TriggerParameters.parse(body: body, query: request.query)
            let importer = HistoryImporter(
                env: env, queue: try env.queue("HISTORICAL_QUEUE"), apiKey: env.vars["CRYPTOCOMPARE_API_KEY"] ?? "")
            let page = try await importer.run(parameters)
            return Self.success(page, timeframe: parameters.timeframe).response()
        } catch {
            env.logger.error("Exception in /trigger: \(error)")
            return OrderedJSON.object([
                ("error", .string(String(describing: error))),
                ("traceback", .string("\(type(of: error)): \(error)")),
            ]).response(status: 500)
        }
    }

    /// The 200 body: `inserted, next_toTs, oldest, newest, candles` (when any), `message, next_trigger`.
    static func success(_ page: HistoryPage, timeframe: CryptoCompareTimeframe) -> OrderedJSON {
        func optional(_ value: Int64?) -> OrderedJSON { .value(value.map(JSONValue.int) ?? .null) }
        var pairs: [(String, OrderedJSON)] = [
            ("inserted", .value(.int(Int64(page.candles.count)))),
            ("next_toTs", optional(page.nextToTs)),
            ("oldest", optional(page.oldest)),
            ("newest", optional(page.newest)),
        ]
        if !page.candles.isEmpty { pairs.append(("candles", .value(.array(page.candles.map(\.jsonValue))))) }
        pairs.append(
            (
                "message",
                .string("Inserted \(page.candles.count) \(HistoryImporter.symbol) \(timeframe.adjective) candles.")
            ))
        pairs.append(("next_trigger", .string(page.nextToTs.map { "POST /trigger with toTs=\($0)" } ?? "done")))
        return .object(pairs)
    }
}
