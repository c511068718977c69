import FlareWorkerAPI

/// R2's server errors (§3.2), turned into `R2Error`s for one action:
/// `<action>: <message> (<v4code>)`.
enum R2Failure: Sendable {
    case internalError
    case noSuchKey
    case entityTooLarge
    case entityTooSmall
    case metadataTooLarge
    case invalidObjectName
    case invalidMaxKeys
    case noSuchUpload
    case invalidPart
    case invalidMetadata
    case preconditionFailed
    case badDigest(algorithm: String, provided: String, actual: String)
    case invalidRange
    case badUpload

    var code: Int {
        switch self {
        case .internalError: return 10001
        case .noSuchKey: return 10007
        case .entityTooLarge: return 100100
        case .entityTooSmall: return 10011
        case .metadataTooLarge: return 10012
        case .invalidObjectName: return 10020
        case .invalidMaxKeys: return 10022
        case .noSuchUpload: return 10024
        case .invalidPart: return 10025
        case .invalidMetadata: return 10029
        case .preconditionFailed: return 10031
        case .badDigest: return 10037
        case .invalidRange: return 10039
        case .badUpload: return 10048
        }
    }

    var message: String {
        switch self {
        case .internalError: return "We encountered an internal error. Please try again."
        case .noSuchKey: return "The specified key does not exist."
        case .entityTooLarge: return "Your proposed upload exceeds the maximum allowed object size."
        case .entityTooSmall: return "Your proposed upload is smaller than the minimum allowed object size."
        case .metadataTooLarge: return "Your metadata headers exceed the maximum allowed metadata size."
        case .invalidObjectName: return "The specified object name is not valid."
        case .invalidMaxKeys: return "MaxKeys params must be positive integer <= 1000."
        case .noSuchUpload: return "The specified multipart upload does not exist."
        case .invalidPart: return "One or more of the specified parts could not be found."
        case .invalidMetadata: return "Metadata missing or invalid"
        case .preconditionFailed: return "At least one of the pre-conditions you specified did not hold."
        case .badDigest(let algorithm, let provided, let actual):
            return "The \(algorithm) checksum you specified did not match what we received.\n"
                + "You provided a \(algorithm) checksum with value: \(provided)\nActual \(algorithm) was: \(actual)"
        case .invalidRange: return "The requested range is not satisfiable"
        case .badUpload: return "There was a problem with the multipart upload."
        }
    }

    /// The error as the binding throws it for `action`.
    func error(_ action: R2Action) -> R2Error {
        R2Error.api(action: action.rawValue, message: message, code: code)
    }
}

/// The action names of R2's error messages.
enum R2Action: String, Sendable {
    case head, get, put, delete, list, createMultipartUpload, uploadPart, completeMultipartUpload,
        abortMultipartUpload
}

extension R2Error {
    /// A JavaScript `TypeError` thrown before any request.
    static func typeError(_ message: String) -> R2Error { R2Error(code: 0, message: "TypeError: \(message)") }

    /// A JavaScript `RangeError` thrown before any request.
    static func rangeError(_ message: String) -> R2Error { R2Error(code: 0, message: "RangeError: \(message)") }
}
