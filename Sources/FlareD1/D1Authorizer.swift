import GRDBSQLite

/// D1's SQL authorizer (workerd `setupSecurity`): no transactions, no ATTACH, `_cf_` names reserved,
/// PRAGMAs from an allow-list only.
///
/// Checks apply only while a user statement is being prepared (``begin()``/``end()``); internal
/// statements and SQLite's own re-preparation run unchecked.
final class D1Authorizer {
    /// Whether a user statement is being prepared.
    private(set) var checking = false
    /// Whether the last check refused a transaction statement (for D1's tailored message).
    private(set) var refusedTransaction = false

    /// PRAGMAs D1 allows with no argument only.
    static let readOnlyPragmas: Set<String> = ["data_version", "page_size"]
    /// PRAGMAs D1 allows with or without an argument.
    static let otherPragmas: Set<String> = [
        "case_sensitive_like", "foreign_keys", "defer_foreign_keys", "ignore_check_constraints",
        "legacy_alter_table", "recursive_triggers", "reverse_unordered_selects", "foreign_key_check",
        "foreign_key_list", "index_info", "index_list", "index_xinfo", "table_info", "table_xinfo", "table_list",
        "quick_check", "optimize",
    ]

    func begin() {
        checking = true
        refusedTransaction = false
    }

    func end() {
        checking = false
    }

    func install(on db: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_set_authorizer(
            db,
            { context, action, arg1, arg2, _, _ in
                guard let context else { return SQLITE_OK }
                return Unmanaged<D1Authorizer>.fromOpaque(context).takeUnretainedValue()
                    .authorize(action, arg1, arg2)
            },
            context
        )
    }

    private func authorize(_ action: Int32, _ arg1: UnsafePointer<CChar>?, _ arg2: UnsafePointer<CChar>?) -> Int32 {
        guard checking else { return SQLITE_OK }
        switch action {
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            refusedTransaction = true
            return SQLITE_DENY
        case SQLITE_ATTACH, SQLITE_DETACH:
            return SQLITE_DENY
        case SQLITE_PRAGMA:
            guard let arg1 else { return SQLITE_DENY }
            let name = String(cString: arg1).lowercased()
            if Self.readOnlyPragmas.contains(name) { return arg2 == nil ? SQLITE_OK : SQLITE_DENY }
            if Self.otherPragmas.contains(name) {
                if let arg2, Self.isReserved(arg2) { return SQLITE_DENY }
                return SQLITE_OK
            }
            return SQLITE_DENY
        case SQLITE_CREATE_INDEX, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_TEMP_TRIGGER,
            SQLITE_DROP_INDEX, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TRIGGER, SQLITE_DROP_TEMP_TRIGGER:
            return Self.isReserved(arg1) || Self.isReserved(arg2) ? SQLITE_DENY : SQLITE_OK
        case SQLITE_ALTER_TABLE:
            return Self.isReserved(arg2) ? SQLITE_DENY : SQLITE_OK
        case SQLITE_FUNCTION, SQLITE_SELECT, SQLITE_RECURSIVE:
            return SQLITE_OK
        default:
            return Self.isReserved(arg1) ? SQLITE_DENY : SQLITE_OK
        }
    }

    /// Whether a name starts with `_cf_` (case-insensitive).
    static func isReserved(_ name: UnsafePointer<CChar>?) -> Bool {
        guard let name else { return false }
        let lower: (CChar) -> CChar = { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        return name[0] == 95 && name[1] != 0 && lower(name[1]) == 99 && name[2] != 0 && lower(name[2]) == 102
            && name[3] == 95
    }
}

@available(*, unavailable)
extension D1Authorizer: Sendable {}
