import Foundation

/// The body of a request or response: buffered bytes or a stream of chunks, read once.
///
/// Streams let the dev server and `fetch` pass large bodies through without holding them whole.
public struct WorkerBody: Sendable {
    enum Storage: Sendable {
        case buffered(Data)
        case stream(AsyncThrowingStream<Data, any Error>, knownLength: Int?)
    }

    let storage: Storage

    /// An empty body.
    public static let empty = WorkerBody(data: Data())

    /// A buffered body.
    public init(data: Data) {
        storage = .buffered(data)
    }

    /// A UTF-8 text body.
    public init(text: String) {
        storage = .buffered(Data(text.utf8))
    }

    /// A streamed body; `knownLength` is the total size when the producer knows it.
    public init(stream: AsyncThrowingStream<Data, any Error>, knownLength: Int? = nil) {
        storage = .stream(stream, knownLength: knownLength)
    }

    /// The bytes when the body is buffered, without consuming anything; `nil` for a stream.
    public var bufferedData: Data? {
        if case .buffered(let data) = storage { return data }
        return nil
    }

    /// The total length when known (always for a buffered body).
    public var knownLength: Int? {
        switch storage {
        case .buffered(let data): return data.count
        case .stream(_, let length): return length
        }
    }

    /// The body as a sequence of chunks (a buffered body yields one chunk).
    public func chunks() -> AsyncThrowingStream<Data, any Error> {
        switch storage {
        case .stream(let stream, _):
            return stream
        case .buffered(let data):
            return AsyncThrowingStream { continuation in
                if !data.isEmpty { continuation.yield(data) }
                continuation.finish()
            }
        }
    }

    /// Reads the whole body.
    /// - Parameter maxBytes: a limit; a longer body throws `WorkerBodyError.tooLarge`.
    /// - Throws: `WorkerBodyError.tooLarge`, or the stream's own error.
    public func collect(upTo maxBytes: Int = .max) async throws -> Data {
        switch storage {
        case .buffered(let data):
            guard data.count <= maxBytes else { throw WorkerBodyError.tooLarge(limit: maxBytes) }
            return data
        case .stream(let stream, _):
            var result = Data()
            for try await chunk in stream {
                result.append(chunk)
                guard result.count <= maxBytes else { throw WorkerBodyError.tooLarge(limit: maxBytes) }
            }
            return result
        }
    }

    /// Reads the whole body as UTF-8 text.
    /// - Throws: as ``collect(upTo:)``.
    public func text() async throws -> String {
        String(decoding: try await collect(), as: UTF8.self)
    }

    /// Reads and parses the whole body as JSON.
    /// - Throws: `DecodingError` for invalid JSON, or as ``collect(upTo:)``.
    public func json() async throws -> JSONValue {
        try JSONValue(parsing: try await collect())
    }

    /// Reads and decodes the whole body as JSON into `T`.
    /// - Throws: `DecodingError` for a mismatched shape, or as ``collect(upTo:)``.
    public func decode<T: Decodable>(_ type: T.Type = T.self) async throws -> T {
        try JSONDecoder().decode(T.self, from: try await collect())
    }
}

/// Errors reading a ``WorkerBody``.
public enum WorkerBodyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is longer than the limit the reader gave.
    case tooLarge(limit: Int)

    /// A human-readable description.
    public var description: String {
        switch self {
        case .tooLarge(let limit): return "Body exceeds the limit of \(limit) bytes"
        }
    }
}
