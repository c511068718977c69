import FlareConfig
import Testing

@Suite struct D1DatabaseResolveTests {
    let databases = [
        D1DatabaseConfig(binding: "DB", databaseName: "pyswarm-cccagg", databaseID: "b374-id"),
        D1DatabaseConfig(
            binding: "ANALYTICS", databaseName: "DB", databaseID: "a1-id", previewDatabaseID: "a1-preview"),
    ]

    @Test func idsWinOverNamesAndNamesOverBindings() {
        #expect(D1DatabaseConfig.storageID(for: "b374-id", among: databases) == "b374-id")
        #expect(D1DatabaseConfig.storageID(for: "pyswarm-cccagg", among: databases) == "b374-id")
        // "DB" is the second database's name and the first one's binding: the name wins, as in wrangler.
        #expect(D1DatabaseConfig.storageID(for: "DB", among: databases) == "a1-preview")
        #expect(D1DatabaseConfig.storageID(for: "a1-id", among: databases) == "a1-preview")
        #expect(D1DatabaseConfig.storageID(for: "ANALYTICS", among: databases) == "a1-preview")
    }

    @Test func unknownNamesAreStorageIDsThemselves() {
        #expect(D1DatabaseConfig.storageID(for: "scratch", among: databases) == "scratch")
        #expect(D1DatabaseConfig.storageID(for: "scratch", among: []) == "scratch")
    }
}
