import Testing

@testable import FlareQueues

struct FlareQueuesModuleTests {
    @Test func moduleIsNamed() {
        #expect(FlareQueuesModule.name == "FlareQueues")
    }
}
