import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging
import Testing

@testable import FlareFetch

struct CurlFetcherTests {
    let logger = Logger(label: "test.fetch")

    @Test func sendsMethodsHeadersAndBodies() async throws {
        let server = try TestServers.standard()
        defer { server.stop() }
        let fetcher = CurlFetcher(logger: logger)
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            var request = WorkerRequest(method: method, url: URL(string: server.baseURL + "/echo?a=1&b=two")!)
            request.headers[HTTPField.Name("X-Trace")!] = "t-\(method.rawValue)"
            if method != .get { request.body = WorkerBody(text: "payload of \(method.rawValue)") }
            let response = try await fetcher.fetch(request)
            let text = try await response.body.text()
            #expect(response.status == .ok)
            #expect(text.contains("method=\(method.rawValue)"))
            #expect(text.contains("target=/echo?a=1&b=two"))
            #expect(text.contains("header.x-trace=t-\(method.rawValue)"))
            #expect(!text.contains("header.expect="))
            if method != .get { #expect(text.contains("body=payload of \(method.rawValue)")) }
        }
        let head = try await fetcher.fetch(WorkerRequest(method: .head, url: URL(string: server.baseURL + "/echo")!))
        #expect(head.status == .ok)
        #expect(try await head.body.collect().isEmpty)
    }

    @Test func httpErrorsAreResponsesNotThrows() async throws {
        let server = try TestServers.standard()
        defer { server.stop() }
        let response = try await CurlFetcher(logger: logger).fetch(
            WorkerRequest(url: URL(string: server.baseURL + "/status/404")!))
        #expect(response.status.code == 404)
        #expect(!response.ok)
        #expect(try await response.body.text() == "not here")
    }

    @Test func streamsTheResponseBody() async throws {
        let gate = DispatchSemaphore(value: 0)
        let server = try LoopbackServer { _ in
            LoopbackResponse(
                chunks: [Data("first;".utf8), Data("second;".utf8), Data("third".utf8)], chunked: true, gate: gate)
        }
        defer { server.stop() }
        // The response and its first chunk arrive while the server still holds the rest back.
        let response = try await CurlFetcher(logger: logger).fetch(WorkerRequest(url: URL(string: server.baseURL)!))
        var iterator = response.body.chunks().makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first.map { String(decoding: $0, as: UTF8.self) } == "first;")
        gate.signal()
        var rest = Data()
        while let chunk = try await iterator.next() { rest.append(chunk) }
        #expect(String(decoding: rest, as: UTF8.self) == "second;third")
    }

    @Test func followsOrReturnsRedirects() async throws {
        let server = try TestServers.standard()
        defer { server.stop() }
        let fetcher = CurlFetcher(logger: logger)
        let followed = try await fetcher.fetch(WorkerRequest(url: URL(string: server.baseURL + "/redirect")!))
        #expect(followed.status == .ok)
        #expect(followed.url?.absoluteString == server.baseURL + "/echo?from=redirect")
        #expect(try await followed.body.text().contains("target=/echo?from=redirect"))

        let manual = try await fetcher.fetch(
            WorkerRequest(url: URL(string: server.baseURL + "/redirect")!, redirect: .manual))
        #expect(manual.status.code == 302)
        #expect(manual.header("location") == "/echo?from=redirect")

        // 303 turns a POST into a GET, as the Workers runtime does.
        let seeOther = try await fetcher.fetch(
            WorkerRequest(method: .post, url: URL(string: server.baseURL + "/see-other")!, body: WorkerBody(text: "x")))
        #expect(try await seeOther.body.text().contains("method=GET"))
    }

    @Test func timesOut() async throws {
        let server = try TestServers.standard()
        defer { server.stop() }
        let request = WorkerRequest(url: URL(string: server.baseURL + "/slow")!)
        let error = await #expect(throws: FetchError.self) {
            _ = try await CurlFetcher(logger: logger).fetch(request, timeout: .milliseconds(200))
        }
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("timed out after 200 ms") == true)
    }

    @Test func decodesGzipAndBrotli() async throws {
        let server = try TestServers.standard()
        defer { server.stop() }
        let fetcher = CurlFetcher(logger: logger)
        for path in ["/gzip", "/br"] {
            let response = try await fetcher.fetch(WorkerRequest(url: URL(string: server.baseURL + path)!))
            #expect(try await response.body.text() == TestServers.text)
            #expect(response.header("content-encoding") == String(path.dropFirst()))
            #expect(response.header("content-length") == nil)
        }
        let echo = try await fetcher.fetch(WorkerRequest(url: URL(string: server.baseURL + "/echo")!))
        #expect(try await echo.body.text().contains("header.accept-encoding=gzip, deflate, br"))
    }

    @Test func connectionRefusedIsANetworkError() async throws {
        let port = try LoopbackServer.closedPort()
        let error = await #expect(throws: FetchError.self) {
            _ = try await CurlFetcher(logger: logger).fetch(
                WorkerRequest(url: URL(string: "http://127.0.0.1:\(port)/x")!))
        }
        #expect(error?.code == .network)
        #expect(error?.message.contains("GET http://127.0.0.1:\(port)/x") == true)
        #expect(error?.message.contains("Connection refused") == true)
    }

    @Test func reusesConnectionsAndRunsConcurrently() async throws {
        let server = try TestServers.standard()
        defer { server.stop() }
        let fetcher = CurlFetcher(logger: logger)
        for _ in 0..<5 {
            let response = try await fetcher.fetch(WorkerRequest(url: URL(string: server.baseURL + "/json")!))
            _ = try await response.body.collect()
        }
        #expect(server.connectionCount == 1)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<20 {
                group.addTask {
                    let url = URL(string: server.baseURL + "/echo?i=\(index)")!
                    let response = try await fetcher.fetch(WorkerRequest(url: url))
                    return try await response.body.text().contains("i=\(index)") ? response.status.code : -1
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 20))
    }

    @Test func rejectsNonHTTPSchemes() async throws {
        let error = await #expect(throws: FetchError.self) {
            _ = try await CurlFetcher(logger: logger).fetch(WorkerRequest(url: URL(string: "ftp://example.com/x")!))
        }
        #expect(error?.code == .invalidRequest)
    }
}
