import Testing

@testable import FlareBench

struct FlareBenchModuleTests {
    @Test func moduleIsNamed() {
        #expect(FlareBenchModule.name == "FlareBench")
    }
}
