import Synchronization

/// Hands the transfer created inside the continuation to the cancellation handler.
final class TransferHolder: Sendable {
    private let transfer = Mutex<CurlTransfer?>(nil)

    func set(_ value: CurlTransfer) { transfer.withLock { $0 = value } }

    func get() -> CurlTransfer? { transfer.withLock { $0 } }
}
