import Testing

@testable import FlareD1

struct FlareD1ModuleTests {
    @Test func moduleIsNamed() {
        #expect(FlareD1Module.name == "FlareD1")
    }
}
