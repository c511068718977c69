import Testing

@testable import FlareCron

struct FlareCronModuleTests {
    @Test func moduleIsNamed() {
        #expect(FlareCronModule.name == "FlareCron")
    }
}
