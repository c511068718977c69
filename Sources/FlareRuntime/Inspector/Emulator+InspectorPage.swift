import FlareWorkerAPI
import Foundation

extension Emulator {
    /// `GET /cdn-cgi/local/inspector`: the page; `…/inspector/fragment/<section>`: one section's
    /// server-rendered body, which the page's script swaps in to refresh it.
    func inspectorPage(parts: [String]) async throws -> WorkerResponse {
        let html: String
        switch parts {
        case []:
            var sections: [String: String] = [:]
            for section in InspectorPage.sections { sections[section.id] = try await inspectorFragment(section.id) }
            html = InspectorPage.document(sections: sections, clock: clock is ManualClock ? "manual" : "system")
        case let parts where parts.count == 2 && parts[0] == "fragment":
            guard InspectorPage.sections.contains(where: { $0.id == parts[1] }) else {
                return .text("No inspector section \(parts[1])", status: .notFound)
            }
            html = try await inspectorFragment(parts[1])
        default:
            return .text("Unknown inspector page /\(parts.joined(separator: "/"))", status: .notFound)
        }
        return .text(html, headers: [.contentType: "text/html;charset=UTF-8", .cacheControl: "no-store"])
    }

    /// The body of one section, rendered from the same data the JSON API returns.
    func inspectorFragment(_ section: String) async throws -> String {
        switch section {
        case "queues":
            return InspectorPage.queues(try await inspectorQueues())
        case "d1":
            let response = try await inspectorD1(method: .get, parts: [], query: [:], body: nil)
            return InspectorPage.databases(try await response.body.json().arrayValue ?? [])
        case "r2":
            let response = try await inspectorR2(method: .get, parts: [], query: [:], body: nil)
            return InspectorPage.buckets(try await response.body.json().arrayValue ?? [])
        case "crons":
            return InspectorPage.crons(try await inspectorCrons(count: 5))
        default:
            return InspectorPage.workers(workerSummaries())
        }
    }
}
