import Testing

@testable import FlareVerify

struct FlareVerifyModuleTests {
    @Test func moduleIsNamed() {
        #expect(FlareVerifyModule.name == "FlareVerify")
    }
}
