import Testing

@testable import FlareR2

struct FlareR2ModuleTests {
    @Test func moduleIsNamed() {
        #expect(FlareR2Module.name == "FlareR2")
    }
}
