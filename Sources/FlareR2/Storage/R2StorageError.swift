import Foundation

/// A failure of the local object store itself (not an R2 API error): corrupt blobs, I/O errors.
enum R2StorageError: Error, CustomStringConvertible {
    /// The Brotli codec failed.
    case codec(String)
    /// A system call failed.
    case io(String, errno: Int32)
    /// A blob is shorter or longer than its index row says.
    case corrupt(String)

    /// Whether this is a blob file that was not there (removed by a concurrent overwrite or delete).
    var isMissingFile: Bool {
        if case .io(_, let code) = self { return code == ENOENT }
        return false
    }

    var description: String {
        switch self {
        case .codec(let what): return "Brotli \(what) failed"
        case .io(let what, let code): return "\(what) failed: \(String(cString: strerror(code)))"
        case .corrupt(let what): return "corrupt blob: \(what)"
        }
    }
}
