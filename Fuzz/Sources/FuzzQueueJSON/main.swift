import CFuzzerDriver
import FlareWorkerAPI
import Foundation

/// libFuzzer entry: the queue broker's JSON parser (message bodies, NDJSON sends) on the input.
func fuzzQueueJSON(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: start, count: count)
    var parser = JSONParser(bytes: buffer)
    if let value = parser.parseValue() {
        // A parsed value must survive a round trip through the API's own encoder and parser.
        if let data = try? JSONEncoder().encode(value) {
            _ = try? JSONValue(parsing: data)
        }
    }
    return 0
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&arguments, &argv) { data, count in
        guard let data else { return 0 }
        return fuzzQueueJSON(data, count)
    })
