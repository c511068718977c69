import CCurl
import FlareWorkerAPI
import Foundation
import HTTPTypes

/// One in-flight transfer: the curl easy handle's callbacks land here.
///
/// Mutable state is touched only on the curl driver thread (handed over through the driver's
/// `inbox` mutex), hence `@unchecked Sendable`.
final class CurlTransfer: @unchecked Sendable {
    let spec: CurlRequestSpec
    private let responseContinuation: CheckedContinuation<WorkerResponse, any Error>
    private let bodyStream: AsyncThrowingStream<Data, any Error>
    private let bodyContinuation: AsyncThrowingStream<Data, any Error>.Continuation

    /// The easy handle while the transfer is active (driver thread only).
    var easy: UnsafeMutableRawPointer?
    /// The header list given to curl, freed when the transfer ends.
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// The request body copy handed to curl (`CURLOPT_POSTFIELDS` does not copy).
    var bodyBuffer: UnsafeMutableRawBufferPointer?
    /// curl's error message buffer.
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    private var status = HTTPResponse.Status(code: 0)
    private var headerLines: [(String, String)] = []
    private var responded = false
    private var finished = false

    init(spec: CurlRequestSpec, continuation: CheckedContinuation<WorkerResponse, any Error>) {
        self.spec = spec
        self.responseContinuation = continuation
        (bodyStream, bodyContinuation) = AsyncThrowingStream.makeStream(of: Data.self)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// Aborts the transfer when the body's reader stops reading before the end.
    func abortWhenAbandoned(by driver: CurlDriver) {
        bodyContinuation.onTermination = { [weak self] termination in
            if case .cancelled = termination, let self { driver.cancel(self) }
        }
    }

    /// One header line from curl (a status line starts a new header block: redirects, 1xx).
    func receiveHeader(_ bytes: UnsafeBufferPointer<UInt8>) {
        var line = String(decoding: bytes, as: UTF8.self)
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            headerLines.removeAll()
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            let code = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            let reason = parts.count > 2 ? String(parts[2]) : ""
            status = HTTPResponse.Status(code: code, reasonPhrase: reason)
        } else if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("\t") {
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headerLines.append((name, value))
        }
    }

    /// A chunk of the (decoded) response body.
    func receiveBody(_ bytes: UnsafeBufferPointer<UInt8>) {
        respondIfNeeded()
        bodyContinuation.yield(Data(bytes))
    }

    /// The transfer ended with `code`; `message` is curl's error buffer.
    func complete(code: CURLcode, osErrno: Int) {
        guard !finished else { return }
        finished = true
        if code == CURLE_OK {
            respondIfNeeded()
            bodyContinuation.finish()
        } else {
            fail(CurlTransfer.error(for: code, osErrno: osErrno, detail: errorDetail, spec: spec))
        }
    }

    /// Ends the transfer with `error` (cancellation, shutdown, a failed setup).
    func fail(_ error: any Error) {
        finished = true
        if !responded {
            responded = true
            responseContinuation.resume(throwing: error)
        }
        bodyContinuation.finish(throwing: error)
    }

    private var errorDetail: String {
        String(cString: errorBuffer)
    }

    private func respondIfNeeded() {
        guard !responded else { return }
        responded = true
        var fields = HTTPFields()
        var encoded = false
        var length: Int?
        for (name, value) in headerLines {
            guard let field = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: field, value: value))
            if field == .contentEncoding, value.lowercased() != "identity" { encoded = true }
            if field == .contentLength { length = Int(value) }
        }
        if encoded {
            // curl hands over decoded bytes, so the wire length no longer describes the body.
            fields[.contentLength] = nil
            length = nil
        }
        if spec.method == "HEAD" { length = 0 }
        var finalURL = URL(string: spec.url)
        if let easy {
            var pointer: UnsafeMutablePointer<CChar>?
            if swiftflare_curl_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &pointer) == CURLE_OK, let pointer {
                finalURL = URL(string: String(cString: pointer)) ?? finalURL
            }
        }
        let body = WorkerBody(stream: bodyStream, knownLength: length)
        responseContinuation.resume(
            returning: WorkerResponse(status: status, headers: fields, body: body, url: finalURL))
    }

    /// Maps a curl result to a `FetchError` with a message naming the request.
    static func error(for code: CURLcode, osErrno: Int, detail: String, spec: CurlRequestSpec) -> FetchError {
        let reason = String(cString: curl_easy_strerror(code))
        var message = "fetch \(spec.summary) failed: \(reason)"
        if !detail.isEmpty, detail != reason { message += " (\(detail))" }
        if osErrno != 0, let text = strerror(Int32(osErrno)) {
            message += ": \(String(cString: text))"
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(
                code: .timeout, message: "fetch \(spec.summary) timed out after \(spec.timeoutMilliseconds) ms")
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return FetchError(code: .invalidRequest, message: message)
        default:
            return FetchError(code: .network, message: message)
        }
    }
}
