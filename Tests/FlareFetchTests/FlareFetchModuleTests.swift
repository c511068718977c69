import Testing

@testable import FlareFetch

struct FlareFetchModuleTests {
    @Test func moduleIsNamed() {
        #expect(FlareFetchModule.name == "FlareFetch")
    }
}
