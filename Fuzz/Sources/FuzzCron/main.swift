import FlareCron
import FuzzSupport
import Foundation

/// libFuzzer entry: the input as a cron expression; a valid one is searched forwards and backwards.
func fuzzCron(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    guard let expression = try? CronExpression(text) else { return 0 }
    let origin = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    _ = expression.next(after: origin, count: 3)
    _ = expression.previous(before: origin)
    _ = expression.matches(origin)
    return 0
}

fuzzMain { fuzzCron($0.baseAddress!, $0.count) }
