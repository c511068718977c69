import CCurl
import FlareWorkerAPI
import Foundation
import Synchronization

/// Drives a curl multi handle on one dedicated thread, so no Swift concurrency thread ever blocks
/// on the network. Transfers share the multi handle's connection cache (keep-alive reuse).
///
/// The multi handle, the easy-handle pool and `active` are touched only on the driver thread;
/// the other threads talk to it through the `inbox` mutex and `curl_multi_wakeup` (hence
/// `@unchecked Sendable`).
final class CurlDriver: @unchecked Sendable {
    private struct Inbox {
        var starts: [CurlTransfer] = []
        var cancels: [CurlTransfer] = []
        var stopping = false
    }

    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    // Driver thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var pool: [UnsafeMutableRawPointer] = []

    init() {
        _ = CurlDriver.globalInit
        multi = curl_multi_init()
        let thread = Thread { [self] in run() }
        thread.name = "swiftflare.curl"
        thread.start()
    }

    /// Queues `transfer` for the driver thread.
    func start(_ transfer: CurlTransfer) {
        inbox.withLock { $0.starts.append(transfer) }
        curl_multi_wakeup(multi)
    }

    /// Aborts `transfer` (its task was cancelled or its body reader went away).
    func cancel(_ transfer: CurlTransfer) {
        inbox.withLock { $0.cancels.append(transfer) }
        curl_multi_wakeup(multi)
    }

    /// Stops the thread once the transfers in flight have finished.
    func stop() {
        inbox.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            let work = inbox.withLock { inbox -> Inbox in
                defer {
                    inbox.starts.removeAll()
                    inbox.cancels.removeAll()
                }
                return inbox
            }
            for transfer in work.starts { begin(transfer) }
            for transfer in work.cancels { abort(transfer, with: CancellationError()) }
            // Released fetcher: finish the transfers in flight (their bodies may still be read), then exit.
            if work.stopping && active.isEmpty { break }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            drainMessages()
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for easy in pool { curl_easy_cleanup(easy) }
        pool.removeAll()
        curl_multi_cleanup(multi)
    }

    private func begin(_ transfer: CurlTransfer) {
        guard let easy = pool.popLast() ?? curl_easy_init() else {
            transfer.fail(FetchError(code: .network, message: "fetch \(transfer.spec.summary) failed: curl_easy_init"))
            return
        }
        transfer.easy = easy
        if let problem = configure(easy, for: transfer) {
            transfer.fail(problem)
            release(transfer)
            return
        }
        active[easy] = transfer
        curl_multi_add_handle(multi, easy)
    }

    private func abort(_ transfer: CurlTransfer, with error: any Error) {
        guard let easy = transfer.easy, active.removeValue(forKey: easy) != nil else { return }
        curl_multi_remove_handle(multi, easy)
        transfer.fail(error)
        release(transfer)
    }

    private func drainMessages() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let transfer = active.removeValue(forKey: easy)
            else { continue }
            let code = swiftflare_curl_msg_result(message)
            var osErrno = 0
            if code != CURLE_OK { swiftflare_curl_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno) }
            curl_multi_remove_handle(multi, easy)
            transfer.complete(code: code, osErrno: code == CURLE_OPERATION_TIMEDOUT ? 0 : osErrno)
            release(transfer)
        }
    }

    /// Frees what curl borrowed and returns the handle to the pool (reset, connections kept by the multi).
    private func release(_ transfer: CurlTransfer) {
        if let list = transfer.headerList { curl_slist_free_all(list) }
        transfer.headerList = nil
        transfer.bodyBuffer?.deallocate()
        transfer.bodyBuffer = nil
        if let easy = transfer.easy {
            curl_easy_reset(easy)
            if pool.count < 16 { pool.append(easy) } else { curl_easy_cleanup(easy) }
        }
        transfer.easy = nil
        // Balances the retain taken in `configure` for the callbacks' user data.
        Unmanaged.passUnretained(transfer).release()
    }
}
