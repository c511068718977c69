import FlareWorkerAPI
import Foundation

/// The upstream the probes' import worker sees: a fixed CryptoCompare history page of `candles`
/// daily candles, and a refusal for anything else, so probes never touch the network and do not
/// depend on recorded fixtures.
struct CannedUpstream: Fetcher {
    /// Candles in the canned page.
    var candles: Int
    /// The first candle's time (2000-01-01, far from any real import page).
    static let firstTime: Int64 = 946_684_800

    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        guard request.url.host?.hasSuffix("cryptocompare.com") == true,
            request.url.path.contains("/data/v2/histo")
        else {
            throw FetchError(
                code: .network,
                message: "swiftflare verify probes do not reach the network (\(request.url.host ?? "?"))")
        }
        let page: [JSONValue] = (0..<candles).map { index in
            let price = JSONValue.double(100 + Double(index))
            return .object([
                "time": .int(Self.firstTime + Int64(index) * 86_400), "open": price, "high": price, "low": price,
                "close": price, "volumefrom": .double(1), "volumeto": .double(100),
            ])
        }
        return .json(.object(["Response": .string("Success"), "Data": .object(["Data": .array(page)])]))
    }
}
