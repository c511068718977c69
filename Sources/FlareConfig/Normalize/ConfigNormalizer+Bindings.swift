/// Unsupported binding kinds (one warning each) and duplicate binding names (errors).
extension ConfigNormalizer {
    /// Warns once for each binding kind in `table` the emulator does not provide; returns their keys.
    mutating func normalizeUnsupportedBindings(_ table: ConfigTable) -> [String] {
        var found: [String] = []
        for (key, _) in ConfigKeys.unsupportedBindings {
            guard let value = table[key] else { continue }
            found.append(key)
            let names = Self.bindingNames(value)
            let named = names.isEmpty ? "" : " (\(names.map { ConfigValue.quoted($0) }.joined(separator: ",")))"
            warning(
                path(key),
                "\"\(key)\" bindings\(named) are not supported by swiftflare: they are ignored and will be missing "
                    + "from env.")
        }
        return found
    }

    /// Errors for binding names used more than once, in wrangler's shape.
    mutating func checkDuplicateBindings(_ table: ConfigTable, config: WorkerConfig) {
        var uses: [(name: String, type: String)] = []
        uses += config.vars.keys.sorted().map { ($0, "Environment Variable") }
        uses += config.d1Databases.map { ($0.binding, "D1 Database") }
        uses += config.r2Buckets.map { ($0.binding, "R2 Bucket") }
        uses += config.queueProducers.map { ($0.binding, "Queue") }
        for (key, friendlyName) in ConfigKeys.unsupportedBindings {
            guard let value = table[key] else { continue }
            uses += Self.bindingNames(value).map { ($0, friendlyName) }
        }
        var order: [String] = []
        var types: [String: [String]] = [:]
        for use in uses {
            if types[use.name] == nil { order.append(use.name) }
            types[use.name, default: []].append(use.type)
        }
        for name in order {
            guard let kinds = types[name], kinds.count > 1 else { continue }
            var distinct: [String] = []
            for kind in kinds where !distinct.contains(kind) { distinct.append(kind) }
            let what =
                distinct.count == 1
                ? "multiple \(distinct[0])" : Self.englishList(distinct)
            error(
                path(name),
                "\(name) assigned to \(what) bindings.\nBindings must have unique names, so that they can all be "
                    + "referenced in the worker.\nPlease change your bindings to have unique names.")
        }
    }

    /// `A`, `A and B`, `A, B, and C`.
    static func englishList(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return "\(items[0]) and \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + ", and " + (items.last ?? "")
        }
    }

    /// The binding names declared by an (unsupported) binding value: entries' `binding` or `name`,
    /// `durable_objects.bindings[].name`, or a single table's `binding`.
    static func bindingNames(_ value: ConfigValue) -> [String] {
        func name(of entry: ConfigValue) -> String? {
            entry.tableValue.flatMap { $0["binding"]?.stringValue ?? $0["name"]?.stringValue }
        }
        if let items = value.arrayValue { return items.compactMap(name(of:)) }
        if let table = value.tableValue {
            if let bindings = table["bindings"]?.arrayValue { return bindings.compactMap(name(of:)) }
            return name(of: value).map { [$0] } ?? []
        }
        return []
    }
}
