import Foundation

/// Finds the local secrets beside a config, as wrangler does: `.dev.vars.<env>` (with `--env`),
/// else `.dev.vars`, else the `.env` family (`.env`, `.env.<env>`, `.env.local`, `.env.<env>.local`,
/// later files overriding earlier ones).
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/configuration/secrets/#local-development-with-secrets>
public enum DevVarsLoader {
    /// The files that would be read for `environment`, in reading order (only those that exist).
    public static func files(directory: String, environment: String?) -> [String] {
        func existing(_ name: String) -> String? {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue ? path : nil
        }
        if let environment, let path = existing(".dev.vars.\(environment)") { return [path] }
        if let path = existing(".dev.vars") { return [path] }
        var names = [".env"]
        if let environment { names.append(".env.\(environment)") }
        names.append(".env.local")
        if let environment { names.append(".env.\(environment).local") }
        return names.compactMap(existing)
    }

    /// The secrets for a config in `directory` under `environment`.
    /// - Throws: a file-system error when a chosen file exists but cannot be read.
    public static func load(directory: String, environment: String?) throws -> [String: String] {
        var secrets: [String: String] = [:]
        for path in files(directory: directory, environment: environment) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            secrets.merge(DevVarsParser.parse(text)) { _, new in new }
        }
        return secrets
    }
}
