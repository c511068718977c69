import FlareWorkerAPI
import Synchronization
import Testing

@Suite struct ExecutionContextTests {
    @Test func pendingWorkIsReportedUntilSettled() async {
        let context = ExecutionContext()
        #expect(!context.hasPendingWork)
        let done = Mutex(false)
        context.waitUntil { done.withLock { $0 = true } }
        #expect(context.hasPendingWork)
        await context.settle()
        #expect(!context.hasPendingWork)
        #expect(done.withLock { $0 })
    }
}
