import Foundation

/// Removes secrets from recorded exchanges before they are written.
///
/// Scrubbed: the `authorization`, `proxy-authorization`, `cookie` and `set-cookie` headers and
/// any header whose name contains `api-key`, `apikey`, `token` or `secret`; the `api_key` and
/// `apikey` query parameters; and every occurrence (URL, headers, bodies) of the value of a var
/// in `secrets` whose name looks like `*_KEY`, `*_TOKEN` or `*SECRET*`. Scrubbed values become
/// ``marker``; replay ignores scrubbed query parameters when matching.
public struct FixtureScrubber: Sendable {
    /// What a scrubbed value is replaced with.
    public static let marker = "SCRUBBED"
    /// Query parameters always scrubbed (and ignored by replay), lower case.
    public static let scrubbedQueryNames: Set<String> = ["api_key", "apikey"]
    /// Headers always scrubbed, lower case.
    public static let scrubbedHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie",
    ]

    /// The secret values to replace, longest first, with their var names.
    let secretValues: [(name: String, value: String)]

    /// Creates a scrubber.
    /// - Parameter secrets: vars and secrets; values of the ones named like a secret are scrubbed.
    public init(secrets: [String: String] = [:]) {
        secretValues =
            secrets
            .filter { Self.looksSecret($0.key) && $0.value.count >= 4 }
            .map { (name: $0.key, value: $0.value) }
            .sorted { $0.value.count > $1.value.count }
    }

    /// Whether a var name looks like a secret (`*_KEY`, `*_TOKEN`, `*SECRET*`, case-insensitive).
    public static func looksSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasSuffix("_KEY") || upper.hasSuffix("_TOKEN") || upper.contains("SECRET")
    }

    /// Whether a header's value is scrubbed by name.
    public static func isSecretHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        return scrubbedHeaderNames.contains(lower) || lower.contains("api-key") || lower.contains("apikey")
            || lower.contains("token") || lower.contains("secret")
    }

    /// `text` with every secret value replaced.
    public func scrub(text: String) -> String {
        var result = text
        for secret in secretValues where result.contains(secret.value) {
            result = result.replacingOccurrences(of: secret.value, with: Self.marker)
        }
        return result
    }

    /// A URL with scrubbed query parameters and secret values replaced.
    public func scrub(url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return scrub(text: url.absoluteString)
        }
        if let items = components.queryItems {
            components.queryItems = items.map { item in
                Self.scrubbedQueryNames.contains(item.name.lowercased())
                    ? URLQueryItem(name: item.name, value: Self.marker) : item
            }
        }
        return scrub(text: components.url?.absoluteString ?? url.absoluteString)
    }

    /// Headers with secret ones replaced by ``marker``.
    public func scrub(headers: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in headers {
            result[name] = Self.isSecretHeader(name) ? Self.marker : scrub(text: value)
        }
        return result
    }

    /// A body with secret values replaced (text and JSON text only; binary is kept).
    public func scrub(body: FixtureBody?) -> FixtureBody? {
        guard var body else { return nil }
        if let text = body.text { body.text = scrub(text: text) }
        return body
    }
}
