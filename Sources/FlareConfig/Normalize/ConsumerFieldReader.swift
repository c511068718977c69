/// Reads the optional fields of one `[[queues.consumers]]` entry: wrangler's type message
/// (`"queues.consumers[N]" should, optionally, have a number "<key>" field but got <whole entry>.`)
/// and then Miniflare's range bound, naming the full key path.
struct ConsumerFieldReader {
    /// `queues.consumers[N]`.
    let field: String
    /// The entry.
    let entry: ConfigTable
    /// The entry as a value (its JSON text goes into type errors).
    let whole: ConfigValue

    /// A whole number within `range`, or `nil` (absent, or after an error).
    func integer(_ key: String, in range: ClosedRange<Int>, _ normalizer: inout ConfigNormalizer) -> Int? {
        guard let number = number(key, normalizer: &normalizer) else { return nil }
        guard let integer = ConfigNormalizer.exactInteger(number) else {
            normalizer.error(
                normalizer.path("\(field).\(key)"),
                "\"\(field).\(key)\" should be a whole number but got \(ConfigValue.numberText(number)).")
            return nil
        }
        guard range.contains(integer) else {
            rangeError(key, lower: String(range.lowerBound), upper: String(range.upperBound), got: number, &normalizer)
            return nil
        }
        return integer
    }

    /// A number within `range`, or `nil`.
    func number(_ key: String, in range: ClosedRange<Double>, _ normalizer: inout ConfigNormalizer) -> Double? {
        guard let number = number(key, normalizer: &normalizer) else { return nil }
        guard range.contains(number) else {
            rangeError(
                key, lower: ConfigValue.numberText(range.lowerBound), upper: ConfigValue.numberText(range.upperBound),
                got: number, &normalizer)
            return nil
        }
        return number
    }

    /// A string, or `nil`.
    func string(_ key: String, _ normalizer: inout ConfigNormalizer) -> String? {
        guard let value = entry[key] else { return nil }
        if let text = value.stringValue { return text }
        normalizer.error(
            normalizer.path("\(field).\(key)"),
            "\"\(field)\" should, optionally, have a string \"\(key)\" field but got \(whole.jsonText).")
        return nil
    }

    private func number(_ key: String, normalizer: inout ConfigNormalizer) -> Double? {
        guard let value = entry[key] else { return nil }
        if let number = value.numberValue { return number }
        normalizer.error(
            normalizer.path("\(field).\(key)"),
            "\"\(field)\" should, optionally, have a number \"\(key)\" field but got \(whole.jsonText).")
        return nil
    }

    private func rangeError(
        _ key: String, lower: String, upper: String, got: Double, _ normalizer: inout ConfigNormalizer
    ) {
        normalizer.error(
            normalizer.path("\(field).\(key)"),
            "\"\(field).\(key)\" should be between \(lower) and \(upper) but got \(ConfigValue.numberText(got)).")
    }
}
