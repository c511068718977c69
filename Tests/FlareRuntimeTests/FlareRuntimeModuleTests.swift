import Testing

@testable import FlareRuntime

struct FlareRuntimeModuleTests {
    @Test func moduleIsNamed() {
        #expect(FlareRuntimeModule.name == "FlareRuntime")
    }
}
