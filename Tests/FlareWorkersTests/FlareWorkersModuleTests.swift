import Testing

@testable import FlareWorkers

struct FlareWorkersModuleTests {
    @Test func moduleIsNamed() {
        #expect(FlareWorkersModule.name == "FlareWorkers")
    }
}
