import CFuzzerDriver
import Foundation

/// The one-input body the running fuzz target was started with (set once, before libFuzzer runs).
nonisolated(unsafe) private var currentTarget: ((UnsafeBufferPointer<UInt8>) -> Void)?

/// Runs libFuzzer with `target` as the per-input body and exits with its status. libFuzzer takes a
/// C function pointer, which cannot capture, so the body is reached through a global.
public func fuzzMain(_ target: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
    currentTarget = target
    var arguments = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(
        LLVMFuzzerRunDriver(&arguments, &argv) { data, count in
            guard let data else { return 0 }
            currentTarget?(UnsafeBufferPointer(start: data, count: count))
            return 0
        })
}
