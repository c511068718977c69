import Foundation
import Synchronization

/// A delivered message's body: either given decoded, or kept as the broker stored it and decoded
/// once, on first read, under a lock (messages are `Sendable` and may be read from any task).
package final class StoredMessageBody: Sendable {
    private enum State {
        case decoded(QueueMessageBody)
        case stored(QueueContentType, [UInt8])
    }

    private let state: Mutex<State>

    init(_ body: QueueMessageBody) {
        state = Mutex(.decoded(body))
    }

    init(contentType: QueueContentType, bytes: [UInt8]) {
        state = Mutex(.stored(contentType, bytes))
    }

    /// The body, decoding it the first time.
    var body: QueueMessageBody {
        state.withLock { state in
            switch state {
            case .decoded(let body):
                return body
            case .stored(let contentType, let bytes):
                let body = Self.decode(contentType: contentType, bytes: bytes)
                state = .decoded(body)
                return body
            }
        }
    }

    /// The body rebuilt from its stored form; a `json` body that does not parse arrives as `bytes`.
    package static func decode(contentType: QueueContentType, bytes: [UInt8]) -> QueueMessageBody {
        switch contentType {
        case .json:
            if let value = bytes.withUnsafeBufferPointer({ JSONParser.parseDocument($0) }) { return .json(value) }
            return .bytes(Data(bytes))
        case .text: return .text(String(decoding: bytes, as: UTF8.self))
        case .bytes: return .bytes(Data(bytes))
        case .v8: return .v8(Data(bytes))
        }
    }
}
