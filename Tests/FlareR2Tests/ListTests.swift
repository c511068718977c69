import FlareR2
import FlareWorkerAPI
import Foundation
import Testing

struct ListTests {
    private func filled(_ keys: [String]) async throws -> R2Fixture {
        let fixture = try R2Fixture()
        for key in keys {
            try await fixture.bucket.put(
                key, .text(key),
                options: R2PutOptions(
                    httpMetadata: R2HTTPMetadata(contentType: "text/plain"), customMetadata: ["k": key]))
        }
        return fixture
    }

    @Test func sortedByBytesWithPrefixAndStartAfter() async throws {
        let fixture = try await filled(["b", "a", "B", "ab", "a/1", "é", "z"])
        defer { fixture.root.remove() }
        let all = try await fixture.bucket.list()
        #expect(all.objects.map(\.key) == ["B", "a", "a/1", "ab", "b", "z", "é"])
        #expect(!all.truncated)
        #expect(all.cursor == nil)
        #expect(all.objects[0].httpMetadata == R2HTTPMetadata())
        #expect(all.objects[0].customMetadata == [:])
        #expect(all.objects[0].range == nil)
        let prefixed = try await fixture.bucket.list(R2ListOptions(prefix: "a"))
        #expect(prefixed.objects.map(\.key) == ["a", "a/1", "ab"])
        #expect(try await fixture.bucket.list(R2ListOptions(prefix: "A")).objects.isEmpty)
        let after = try await fixture.bucket.list(R2ListOptions(startAfter: "ab"))
        #expect(after.objects.map(\.key) == ["b", "z", "é"])
        let included = try await fixture.bucket.list(
            R2ListOptions(prefix: "z", include: [.httpMetadata, .customMetadata]))
        #expect(included.objects.first?.httpMetadata?.contentType == "text/plain")
        #expect(included.objects.first?.customMetadata == ["k": "z"])
    }

    @Test func paginatesWithCursor() async throws {
        let keys = (0..<25).map { String(format: "key%02d", $0) }
        let fixture = try await filled(keys)
        defer { fixture.root.remove() }
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await fixture.bucket.list(R2ListOptions(limit: 10, cursor: cursor))
            seen += page.objects.map(\.key)
            cursor = page.cursor
            pages += 1
            #expect(page.truncated == (cursor != nil))
        } while cursor != nil
        #expect(seen == keys)
        #expect(pages == 3)
        // The cursor is base64 of the last key; startAfter and cursor: the greater wins.
        let first = try await fixture.bucket.list(R2ListOptions(limit: 2))
        #expect(first.cursor == Data("key01".utf8).base64EncodedString())
        let both = try await fixture.bucket.list(R2ListOptions(limit: 2, cursor: first.cursor, startAfter: "key20"))
        #expect(both.objects.map(\.key) == ["key21", "key22"])
        // A garbage cursor is not an error.
        let garbage = try await fixture.bucket.list(R2ListOptions(cursor: "!!not base64~~"))
        #expect(garbage.objects.count <= keys.count)
    }

    @Test func limitValidation() async throws {
        let fixture = try await filled((0..<120).map { "k\($0)" })
        defer { fixture.root.remove() }
        for limit in [0, 1001, -1] {
            let message = await r2ErrorMessage { _ = try await fixture.bucket.list(R2ListOptions(limit: limit)) }
            #expect(message == "list: MaxKeys params must be positive integer <= 1000. (10022)")
        }
        #expect(try await fixture.bucket.list(R2ListOptions(limit: 1000)).objects.count == 120)
        let clamped = try await fixture.bucket.list(R2ListOptions(limit: 500, include: [.customMetadata]))
        #expect(clamped.objects.count == 100)
        #expect(clamped.truncated)
    }

    @Test func delimiterGroupsPrefixes() async throws {
        let fixture = try await filled([
            "dir0/file0", "dir0/file1", "dir0/sub0/a", "dir0/sub0/b", "dir0/sub1/c", "dir1/x", "file8", "top",
        ])
        defer { fixture.root.remove() }
        let listed = try await fixture.bucket.list(R2ListOptions(prefix: "dir0/", delimiter: "/"))
        #expect(listed.objects.map(\.key) == ["dir0/file0", "dir0/file1"])
        #expect(listed.delimitedPrefixes == ["dir0/sub0/", "dir0/sub1/"])
        let root = try await fixture.bucket.list(R2ListOptions(delimiter: "/"))
        #expect(root.delimitedPrefixes == ["dir0/", "dir1/"])
        #expect(root.objects.map(\.key) == ["file8", "top"])
        let whole = try await fixture.bucket.list(R2ListOptions(delimiter: "file8"))
        #expect(whole.delimitedPrefixes == ["file8"])
        #expect(!whole.objects.map(\.key).contains("file8"))
    }

    @Test func delimitedPaginationCountsGroups() async throws {
        let fixture = try await filled(["a/1", "a/2", "a/3", "b", "c/1", "c/2", "d"])
        defer { fixture.root.remove() }
        var objects: [String] = []
        var prefixes: [String] = []
        var cursor: String?
        var pages: [Int] = []
        repeat {
            let page = try await fixture.bucket.list(R2ListOptions(limit: 2, cursor: cursor, delimiter: "/"))
            objects += page.objects.map(\.key)
            prefixes += page.delimitedPrefixes
            pages.append(page.objects.count + page.delimitedPrefixes.count)
            cursor = page.cursor
        } while cursor != nil
        #expect(objects == ["b", "d"])
        #expect(prefixes == ["a/", "c/"])
        #expect(pages == [2, 2])
        // After a group the cursor is the group's last key.
        let first = try await fixture.bucket.list(R2ListOptions(limit: 1, delimiter: "/"))
        #expect(first.cursor == Data("a/3".utf8).base64EncodedString())
    }

    @Test func keysAddedAfterTheCursorAppearLater() async throws {
        let fixture = try await filled(["a", "b", "c"])
        defer { fixture.root.remove() }
        let first = try await fixture.bucket.list(R2ListOptions(limit: 2))
        try await fixture.bucket.put("bb", .text("late"))
        let rest = try await fixture.bucket.list(R2ListOptions(cursor: first.cursor))
        #expect(rest.objects.map(\.key) == ["bb", "c"])
    }
}
