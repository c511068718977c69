import FlareWorkerAPI
import Foundation

/// The inspector's server-rendered HTML: plain string templates, every value through
/// ``HTML/escape(_:)``. The sections render the same JSON the `/cdn-cgi/local/api/` routes return.
enum InspectorPage {
    /// The page's sections, in tab order.
    static let sections: [(id: String, title: String)] = [
        ("queues", "Queues"), ("d1", "D1"), ("r2", "R2"), ("crons", "Crons"), ("workers", "Workers & logs"),
    ]

    /// The whole page: the rendered sections, each with its interactive panel.
    static func document(sections rendered: [String: String], clock: String) -> String {
        let tabs = sections.map { "<a href=\"#\($0.id)\" data-tab=\"\($0.id)\">\(HTML.escape($0.title))</a>" }
        let body = sections.map { section in
            """
            <section id="\(section.id)" class="tab" hidden>
            <h2>\(HTML.escape(section.title)) <button type="button" data-action="refresh" \
            data-section="\(section.id)">Refresh</button></h2>
            <div class="fragment" id="\(section.id)-fragment">\(rendered[section.id] ?? "")</div>
            \(panels[section.id] ?? "")
            </section>
            """
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>swiftflare inspector</title><link rel="icon" href="data:,">
            <style>\(InspectorAssets.css)</style></head>
            <body data-clock="\(HTML.escape(clock))">
            <header><h1>swiftflare inspector</h1><nav>\(tabs.joined())</nav>
            <span id="status" role="status"></span></header>
            <main>\(body.joined(separator: "\n"))</main>
            <script>\(InspectorAssets.script)</script>
            </body></html>
            """
    }

    /// The queue table: depths, consumer settings, a throughput sparkline and the actions.
    static func queues(_ queues: [JSONValue]) -> String {
        guard !queues.isEmpty else { return #"<p class="empty">No queues.</p>"# }
        let deadLetterQueues = Set(queues.compactMap { $0["deadLetterQueue"]?.stringValue })
        let rows = queues.map { queue -> String in
            let name = queue["name"]?.stringValue ?? ""
            let paused = queue["paused"]?.boolValue ?? false
            let consumer = queue["consumer"]?.objectValue.map { settings in
                [
                    "batch \(settings["maxBatchSize"]?.int64Value ?? 0)",
                    "timeout \(settings["maxBatchTimeout"]?.doubleValue ?? 0) s",
                    "retries \(settings["maxRetries"]?.int64Value ?? 0)",
                    "concurrency \(settings["maxConcurrency"]?.int64Value ?? 1)",
                    "retry delay \(settings["retryDelay"]?.int64Value ?? 0) s",
                    settings["deadLetterQueue"]?.stringValue.map { "DLQ \($0)" },
                ].compactMap { $0 }.joined(separator: ", ")
            }
            let worker = queue["consumerWorker"]?.stringValue.map { "\($0): " } ?? ""
            let series = queue["throughput"]?.arrayValue?.compactMap { $0.int64Value.map(Int.init) } ?? []
            let redrive =
                deadLetterQueues.contains(name)
                ? #"<button type="button" data-action="redrive" data-queue="\#(HTML.escape(name))">Redrive</button>"#
                : ""
            return """
                <tr data-queue="\(HTML.escape(name))"\(paused ? #" class="paused""# : "")>
                <th scope="row">\(HTML.escape(name))\(paused ? #" <span class="badge">paused</span>"# : "")</th>
                <td class="num backlog">\(queue["backlog"]?.int64Value ?? 0)</td>
                <td class="num in-flight">\(queue["inFlight"]?.int64Value ?? 0)</td>
                <td class="num delayed">\(queue["delayed"]?.int64Value ?? 0)</td>
                <td class="num dlq">\(queue["deadLetterDepth"]?.int64Value.map(String.init) ?? "–")</td>
                <td class="num">\(HTML.bytes(Int(queue["bytes"]?.int64Value ?? 0)))</td>
                <td class="consumer">\(HTML.escape(consumer.map { worker + $0 } ?? "no consumer"))</td>
                <td>\(HTML.sparkline(series))</td>
                <td class="actions">\
                <button type="button" data-action="peek" data-queue="\(HTML.escape(name))">Peek</button>\
                <button type="button" data-action="\(paused ? "resume" : "pause")" \
                data-queue="\(HTML.escape(name))">\(paused ? "Resume" : "Pause")</button>\
                <button type="button" data-action="purge" data-queue="\(HTML.escape(name))">Purge</button>\
                <button type="button" data-action="send-form" data-queue="\(HTML.escape(name))">Send…</button>\
                \(redrive)</td></tr>
                """
        }
        return """
            <table class="grid" id="queue-table"><thead><tr><th>Queue</th><th>Backlog</th><th>In flight</th>\
            <th>Delayed</th><th>DLQ depth</th><th>Bytes</th><th>Consumer</th><th>Throughput</th><th></th></tr>\
            </thead><tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
    }

    /// Each D1 database with its bindings, size and tables with row counts.
    static func databases(_ databases: [JSONValue]) -> String {
        guard !databases.isEmpty else { return #"<p class="empty">No D1 databases.</p>"# }
        return databases.map { database in
            let id = database["id"]?.stringValue ?? ""
            let bindings = database["bindings"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let tables = (database["tables"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { table in
                """
                <tr><th scope="row">\(HTML.escape(table.key))</th><td class="num">\(table.value.int64Value ?? 0)</td>\
                <td><button type="button" data-action="browse-table" data-db="\(HTML.escape(id))" \
                data-table="\(HTML.escape(table.key))">Browse</button></td></tr>
                """
            }
            let export =
                "/cdn-cgi/local/api/d1/\(id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id)/export"
            return """
                <div class="card d1-db" data-db="\(HTML.escape(id))"><h3>\(HTML.escape(id))</h3>
                <p>\(HTML.escape(bindings.joined(separator: ", "))) · \
                \(HTML.bytes(Int(database["file_size"]?.int64Value ?? 0))) · \
                <a href="\(HTML.escape(export))" download>Export SQL</a></p>
                <table class="grid"><thead><tr><th>Table</th><th>Rows</th><th></th></tr></thead>
                <tbody>\(tables.joined(separator: "\n"))</tbody></table></div>
                """
        }.joined(separator: "\n")
    }

    /// Each R2 bucket with its object count and logical vs stored bytes.
    static func buckets(_ buckets: [JSONValue]) -> String {
        guard !buckets.isEmpty else { return #"<p class="empty">No R2 buckets.</p>"# }
        let rows = buckets.map { bucket -> String in
            let name = bucket["bucket"]?.stringValue ?? ""
            let logical = Int(bucket["logicalBytes"]?.int64Value ?? 0)
            let stored = Int(bucket["storedBytes"]?.int64Value ?? 0)
            let bindings = bucket["bindings"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return """
                <tr data-bucket="\(HTML.escape(name))"><th scope="row">\(HTML.escape(name))</th>\
                <td>\(HTML.escape(bindings.joined(separator: ", ")))</td>\
                <td class="num objects">\(bucket["objects"]?.int64Value ?? 0)</td>\
                <td class="num">\(HTML.bytes(logical))</td><td class="num">\(HTML.bytes(stored))</td>\
                <td><button type="button" data-action="browse-bucket" data-bucket="\(HTML.escape(name))">Browse</button>\
                </td></tr>
                """
        }
        return """
            <table class="grid" id="bucket-table"><thead><tr><th>Bucket</th><th>Bindings</th><th>Objects</th>\
            <th>Logical</th><th>Stored</th><th></th></tr></thead><tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
    }

    /// The clock and each cron trigger with its next fire times.
    static func crons(_ report: JSONValue) -> String {
        let manual = report["clock"]?.stringValue == "manual"
        let triggers = report["triggers"]?.arrayValue ?? []
        let rows = triggers.map { trigger -> String in
            let worker = trigger["worker"]?.stringValue ?? ""
            let cron = trigger["cron"]?.stringValue ?? ""
            let next = trigger["next"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return """
                <tr><th scope="row">\(HTML.escape(worker))</th><td><code>\(HTML.escape(cron))</code></td>\
                <td class="next">\(next.map { "<time>\(HTML.escape($0))</time>" }.joined(separator: "<br>"))</td>\
                <td><button type="button" data-action="trigger-cron" data-worker="\(HTML.escape(worker))" \
                data-cron="\(HTML.escape(cron))">Trigger now</button></td></tr>
                """
        }
        let table =
            rows.isEmpty
            ? #"<p class="empty">No cron triggers.</p>"#
            : """
            <table class="grid"><thead><tr><th>Worker</th><th>Cron</th><th>Next fire times (UTC)</th><th></th></tr>\
            </thead><tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
        let note = manual ? "manual: time moves only when advanced" : "system: advancing needs --clock manual"
        return """
            <p>Clock: <strong id="clock-now">\(HTML.escape(report["now"]?.stringValue ?? ""))</strong> \
            (\(HTML.escape(note)))</p>\(table)
            """
    }

    /// Each worker with its handlers, URL, bindings, crons and consumed queues.
    static func workers(_ workers: [WorkerSummary]) -> String {
        let rows = workers.map { worker -> String in
            let url = worker.url.map { #"<a href="\#(HTML.escape($0))">\#(HTML.escape($0))</a>"# } ?? "–"
            return """
                <tr><th scope="row">\(HTML.escape(worker.name))</th>\
                <td>\(HTML.escape(worker.handlers.joined(separator: ", ")))</td><td>\(url)</td>\
                <td>\(worker.bindings.map(HTML.escape).joined(separator: "<br>"))</td>\
                <td>\(HTML.escape(worker.crons.joined(separator: ", ")))</td>\
                <td>\(HTML.escape(worker.consumes.joined(separator: ", ")))</td></tr>
                """
        }
        return """
            <table class="grid" id="worker-table" data-workers="\(HTML.escape(workers.map(\.name).joined(separator: "\n")))">\
            <thead><tr><th>Worker</th><th>Handlers</th><th>URL</th><th>Bindings</th><th>Crons</th><th>Consumes</th>\
            </tr></thead><tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
    }
}
