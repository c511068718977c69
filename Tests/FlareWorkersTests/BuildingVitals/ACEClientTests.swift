import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

struct ACEClientTests {
    func client(_ fetcher: VitalsFakeFetcher, token: String? = "t0k") -> ACEClient {
        ACEClient(baseURL: "https://flightdeck.aceiot.cloud/api/", token: token) { url, headers in
            var request = WorkerRequest(url: URL(string: url)!)
            for (name, value) in headers { request.headers[.init(name)!] = value }
            return try await fetcher.fetch(request)
        }
    }

    @Test func buildsTheSpecURLExactly() {
        let url = client(VitalsFakeFetcher { _ in WorkerResponse() }).pageURL(
            site: "s1", startTime: "2025-01-01T00:00:00Z", endTime: "2025-01-02T00:00:00Z", pointNames: ["p1"],
            cursor: nil
        )
        #expect(
            url
                == "https://flightdeck.aceiot.cloud/api/sites/s1/timeseries/paginated?start_time=2025-01-01T00%3A00%3A00Z"
                + "&end_time=2025-01-02T00%3A00%3A00Z&raw_data=true&page_size=100000&point_names=p1"
        )
    }

    @Test func encodesLikeJavaScript() {
        #expect(URLEncoding.component("ses/falls city(1)") == "ses%2Ffalls%20city(1)")
        #expect(URLEncoding.formValue("a,b c/d=e+é") == "a%2Cb+c%2Fd%3De%2B%C3%A9")
        let url = client(VitalsFakeFetcher { _ in WorkerResponse() }).pageURL(
            site: "s", startTime: "a", endTime: "b", pointNames: nil, cursor: "eyJvZmZzZXQiOjEwMDAwMH0="
        )
        #expect(url.hasSuffix("&page_size=100000&cursor=eyJvZmZzZXQiOjEwMDAwMH0%3D"))
    }

    @Test func pagesByCursorFiltersAndSendsTheBearerToken() async throws {
        let ace = FakeACE(points: ["p1", "p2"], samplesPerPoint: 30, pageCount: 3)
        let fetcher = ace.fetcher()
        var progress: [Int] = []
        let result = try await client(fetcher).fetch(
            site: "s1", points: ["p1", "p2", "silent"], startTime: "2025-01-01T00:00:00Z",
            endTime: "2025-01-02T00:00:00Z", sendPointNames: false
        ) { page, more in progress.append(more ? min(90, page * 10) : 100) }
        #expect(result.pages == 3)
        #expect(progress == [10, 20, 100])
        #expect(result.data.samples["p1"]?.count == 30)
        #expect(result.data.samples["unrequested"] == nil)
        #expect(result.data.samples["silent"] == [])  // requested but without data: present and empty (§9.21)
        #expect(fetcher.urls[1].hasSuffix("&cursor=cursor-1"))
        #expect(fetcher.urls.allSatisfy { !$0.contains("point_names") })
        #expect(fetcher.requests.allSatisfy { $0.header("authorization") == "Bearer t0k" })
    }

    @Test func aMissingTokenSendsNoAuthorization() async throws {
        let fetcher = FakeACE(points: ["p1"], samplesPerPoint: 1).fetcher()
        _ = try await client(fetcher, token: nil).fetch(
            site: "s", points: ["p1"], startTime: "a", endTime: "b", sendPointNames: true
        )
        #expect(fetcher.requests.first?.header("authorization") == nil)
    }

    @Test func notFoundIsAnEmptyResult() async throws {
        let ace = FakeACE(points: ["p1"], samplesPerPoint: 1)
        ace.setNotFound(true)
        let result = try await client(ace.fetcher()).fetch(
            site: "s", points: ["p1"], startTime: "a", endTime: "b", sendPointNames: true
        )
        #expect(result.data.sampleCount == 0)
        #expect(result.data.jsonValue == ["p1": ["samples": [], "error": nil, "count": 0]])
    }

    @Test func serverErrorsThrowWithTheOriginalMessage() async {
        let ace = FakeACE(points: ["p1"], samplesPerPoint: 1)
        ace.setFailure(status: 503)
        await #expect(throws: ACEUpstreamError(status: 503, message: "HTTP 503: Service Unavailable")) {
            _ = try await client(ace.fetcher()).fetch(
                site: "s", points: ["p1"], startTime: "a", endTime: "b", sendPointNames: true
            )
        }
    }

    @Test func stopsAtThePageCapAndSaysSo() async throws {
        let ace = FakeACE(points: ["p1"], samplesPerPoint: 5, pageCount: 5)
        var capped = client(ace.fetcher())
        capped.maxPages = 2
        let result = try await capped.fetch(
            site: "s", points: ["p1"], startTime: "a", endTime: "b", sendPointNames: true)
        #expect(result.pages == 2 && result.truncated)
    }

    @Test func numericStringsBecomeNumbers() {
        #expect(TimeseriesData.number("72") == .int(72))
        #expect(TimeseriesData.number("72.5") == .double(72.5))
        #expect(TimeseriesData.number("on") == .string("on"))
        #expect(TimeseriesData.number("") == .string(""))
    }
}
