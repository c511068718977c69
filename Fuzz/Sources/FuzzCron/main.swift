import CFuzzerDriver
import FlareCron
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

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&arguments, &argv) { data, count in
        guard let data else { return 0 }
        return fuzzCron(data, count)
    })
