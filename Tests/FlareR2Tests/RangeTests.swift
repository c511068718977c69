import FlareR2
import FlareWorkerAPI
import Foundation
import Testing

struct RangeTests {
    private let data = timeseriesText(200_000)

    private func read(_ bucket: LocalR2Bucket, _ range: R2Range) async throws -> (R2Range?, Data) {
        guard case .body(let body)? = try await bucket.get("k", options: R2GetOptions(range: range)) else {
            throw R2Error(code: -1, message: "no body")
        }
        return (body.object.range, try await body.bytes())
    }

    @Test(arguments: [
        CompressionPolicy(), CompressionPolicy.none,
    ])
    func rangesAtTheEdges(policy: CompressionPolicy) async throws {
        let fixture = try R2Fixture(options: LocalR2Options(compression: policy))
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        try await bucket.put("k", .bytes(data))
        let size = data.count
        let cases: [(R2Range, Int, Int)] = [
            (.offset(0, length: 1), 0, 1),
            (.offset(3, length: 4), 3, 4),
            (.offset(size - 1, length: nil), size - 1, 1),
            (.offset(10, length: size * 2), 10, size - 10),
            (.offset(150_000, length: nil), 150_000, size - 150_000),
            (.suffix(5), size - 5, 5),
            (.suffix(size + 100), 0, size),
        ]
        for (range, offset, length) in cases {
            let (reported, bytes) = try await read(bucket, range)
            #expect(reported == .offset(offset, length: length))
            #expect(bytes == data.subdata(in: offset..<offset + length))
        }
        for range in [
            R2Range.offset(size, length: nil), .offset(size + 1, length: 1), .offset(0, length: 0), .suffix(0),
        ] {
            let message = await r2ErrorMessage { _ = try await bucket.get("k", options: R2GetOptions(range: range)) }
            #expect(message == "get: The requested range is not satisfiable (10039)")
        }
        #expect(
            await r2ErrorMessage { _ = try await bucket.get("k", options: .init(range: .offset(-1, length: nil))) }
                == "RangeError: Invalid range. Starting offset (-1) must be greater than or equal to 0.")
        #expect(
            await r2ErrorMessage { _ = try await bucket.get("k", options: .init(range: .offset(0, length: -2))) }
                == "RangeError: Invalid range. Length (-2) must be greater than or equal to 0.")
        #expect(
            await r2ErrorMessage { _ = try await bucket.get("k", options: .init(range: .suffix(-3))) }
                == "RangeError: Invalid suffix. Suffix (-3) must be greater than or equal to 0.")
    }

    @Test func rangeOnAMissingKeyIsNil() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        #expect(try await fixture.bucket.get("none", options: .init(range: .offset(5, length: 5))) == nil)
    }
}
