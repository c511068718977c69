import FlareWorkerAPI
import Foundation
import Synchronization

/// A test-only ACE upstream: pages chained by cursor, an optional failure status, and counters.
/// Unit tests use it for shapes the shipped fixtures lack (any page count, a failure switched on
/// mid-test); the end-to-end tests replay `fixtures/api.ace-iot.com` instead.
final class FakeACE: Sendable {
    struct Sample: Sendable {
        var name: String
        var time: String
        var value: String
    }

    private struct State {
        var pages: [[Sample]]
        var failStatus: Int?
        var notFound = false
    }

    private let state: Mutex<State>

    /// `pages[i]` is served for cursor `cursor-i` (page 0 without a cursor).
    init(pages: [[Sample]]) {
        state = Mutex(State(pages: pages))
    }

    /// `count` samples per point, one per 15 minutes from 2025-01-01, spread over `pageCount` pages,
    /// plus one sample of an unrequested point per page.
    convenience init(points: [String], samplesPerPoint: Int, pageCount: Int = 1) {
        var samples: [Sample] = []
        for index in 0..<samplesPerPoint {
            let time = ISO8601DateFormatter().string(
                from: Date(timeIntervalSince1970: 1_735_689_600 + Double(index) * 900))
            for point in points {
                samples.append(
                    Sample(name: point, time: time, value: String(format: "%.1f", 70 + Double(index % 50) / 10)))
            }
        }
        let size = max(1, (samples.count + pageCount - 1) / pageCount)
        var pages = stride(from: 0, to: max(samples.count, 1), by: size).map {
            Array(samples[$0..<min($0 + size, samples.count)]) + [
                Sample(name: "unrequested", time: "2025-01-01T00:00:00Z", value: "1")
            ]
        }
        if pages.isEmpty { pages = [[]] }
        self.init(pages: pages)
    }

    func setFailure(status: Int?) { state.withLock { $0.failStatus = status } }
    func setNotFound(_ value: Bool) { state.withLock { $0.notFound = value } }

    /// The fetcher serving these pages.
    func fetcher() -> VitalsFakeFetcher {
        VitalsFakeFetcher { [self] request in try self.answer(request) }
    }

    private func answer(_ request: WorkerRequest) throws -> WorkerResponse {
        let snapshot = state.withLock { $0 }
        if let status = snapshot.failStatus {
            return WorkerResponse(
                status: .init(integerLiteral: status), body: WorkerBody(text: "{\"message\":\"boom\"}"))
        }
        if snapshot.notFound {
            return WorkerResponse(status: 404, body: WorkerBody(text: "{\"message\":\"No data for time period\"}"))
        }
        let cursor = request.query("cursor")
        let index = cursor.flatMap { Int($0.dropFirst("cursor-".count)) } ?? 0
        let samples = index < snapshot.pages.count ? snapshot.pages[index] : []
        let more = index + 1 < snapshot.pages.count
        let page: JSONValue = [
            "point_samples": .array(
                samples.map { ["name": .string($0.name), "value": .string($0.value), "time": .string($0.time)] }),
            "next_cursor": more ? .string("cursor-\(index + 1)") : .null,
            "has_more": .bool(more),
        ]
        return WorkerResponse(status: 200, body: WorkerBody(data: page.jsonData()))
    }
}
