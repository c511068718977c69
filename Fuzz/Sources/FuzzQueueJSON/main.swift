import FlareWorkerAPI
import FuzzSupport
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

fuzzMain { fuzzQueueJSON($0.baseAddress!, $0.count) }
