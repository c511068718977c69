import FlareR2
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Testing

struct ConditionalTests {
    private func seeded() async throws -> (R2Fixture, R2Object) {
        let fixture = try R2Fixture()
        let object = try #require(try await fixture.bucket.put("k", .text("value")))
        return (fixture, object)
    }

    private func passes(_ bucket: LocalR2Bucket, _ conditional: R2Conditional) async throws -> Bool {
        switch try await bucket.get("k", options: R2GetOptions(onlyIf: conditional)) {
        case .body?: return true
        case .preconditionFailed(let object)?:
            #expect(object.key == "k")
            return false
        case nil:
            Issue.record("missing object")
            return false
        }
    }

    @Test func etagMatchesAndDoesNotMatch() async throws {
        let (fixture, object) = try await seeded()
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        #expect(try await passes(bucket, R2Conditional(etagMatches: object.etag)))
        #expect(try await !passes(bucket, R2Conditional(etagMatches: "nope")))
        #expect(try await passes(bucket, R2Conditional(etagMatches: "*")))
        #expect(try await passes(bucket, R2Conditional(etagDoesNotMatch: "nope")))
        #expect(try await !passes(bucket, R2Conditional(etagDoesNotMatch: object.etag)))
        #expect(try await !passes(bucket, R2Conditional(etagDoesNotMatch: "*")))
        let quoted = await r2ErrorMessage {
            _ = try await bucket.get("k", options: R2GetOptions(onlyIf: R2Conditional(etagMatches: object.httpEtag)))
        }
        #expect(quoted == "TypeError: Conditional ETag should not be wrapped in quotes (\(object.httpEtag)).")
    }

    @Test func weakEtagsFromHeaders() async throws {
        let (fixture, object) = try await seeded()
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        func headers(_ name: HTTPField.Name, _ value: String) -> R2Conditional {
            R2Conditional(headers: HTTPFields([HTTPField(name: name, value: value)]))
        }
        // A weak ETag never satisfies If-Match, but does count for If-None-Match.
        #expect(try await !passes(bucket, headers(.ifMatch, "W/\"\(object.etag)\"")))
        #expect(try await passes(bucket, headers(.ifMatch, "\"other\", \"\(object.etag)\"")))
        #expect(try await !passes(bucket, headers(.ifNoneMatch, "W/\"\(object.etag)\"")))
        #expect(try await passes(bucket, headers(.ifNoneMatch, "\"other\"")))
        #expect(try await !passes(bucket, headers(.ifNoneMatch, "*")))
    }

    @Test func modifiedAndUnmodifiedSince() async throws {
        let (fixture, object) = try await seeded()
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        let uploaded = object.uploaded
        #expect(try await passes(bucket, R2Conditional(uploadedAfter: uploaded.addingTimeInterval(-1))))
        // Strict comparisons.
        #expect(try await !passes(bucket, R2Conditional(uploadedAfter: uploaded)))
        #expect(try await !passes(bucket, R2Conditional(uploadedBefore: uploaded)))
        #expect(try await passes(bucket, R2Conditional(uploadedBefore: uploaded.addingTimeInterval(0.001))))
        // A passing ETag condition overrides the date one.
        #expect(try await passes(bucket, R2Conditional(etagDoesNotMatch: "x", uploadedAfter: uploaded)))
        #expect(try await passes(bucket, R2Conditional(etagMatches: object.etag, uploadedBefore: uploaded)))
        // Seconds granularity truncates both sides.
        #expect(
            try await !passes(
                bucket, R2Conditional(uploadedBefore: uploaded.addingTimeInterval(0.5), secondsGranularity: true)))
        #expect(
            try await passes(
                bucket, R2Conditional(uploadedBefore: uploaded.addingTimeInterval(1), secondsGranularity: true)))
        let date = headers(.ifModifiedSince, "Tue, 14 Nov 2023 22:13:19 GMT")
        #expect(try await passes(bucket, date))
        #expect(try await !passes(bucket, headers(.ifModifiedSince, "Tue, 14 Nov 2023 22:13:20 GMT")))
    }

    private func headers(_ name: HTTPField.Name, _ value: String) -> R2Conditional {
        R2Conditional(headers: HTTPFields([HTTPField(name: name, value: value)]))
    }

    @Test func conditionalPutReturnsNilAndKeepsTheOldValue() async throws {
        let (fixture, object) = try await seeded()
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        let failed = try await bucket.put("k", .text("new"), options: R2PutOptions(onlyIf: .init(etagMatches: "bad")))
        #expect(failed == nil)
        #expect(try await bucket.get("k")?.text() == "value")
        let ok = try await bucket.put("k", .text("new"), options: R2PutOptions(onlyIf: .init(etagMatches: object.etag)))
        #expect(ok != nil)
        #expect(try await bucket.get("k")?.text() == "new")
        // Missing object: passes only without etagMatches and uploadedAfter.
        let missingMatch = try await bucket.put("n", .text("x"), options: .init(onlyIf: .init(etagMatches: "*")))
        #expect(missingMatch == nil)
        #expect(try await bucket.head("n") == nil)
        let missingNone = try await bucket.put("n", .text("x"), options: .init(onlyIf: .init(etagDoesNotMatch: "*")))
        #expect(missingNone != nil)
        // Only the object's blob remains for "n": the failed put wrote nothing.
        #expect(try fixture.storedBlobs() == 2)
    }
}
