import FlareConfig
import Testing

struct DevVarsTests {
    @Test func parsesDotenvSyntax() {
        let text = """
            # a comment
            PLAIN=value
            SPACED = spaced value   # inline comment
            export EXPORTED=yes
            DOUBLE="line1\\nline2 \\"quoted\\" # not a comment"
            SINGLE='raw \\n $value'
            HASH=abc#def
            EMPTY=
            MULTI="first
            second"
            not a variable line
            PLAIN=overridden
            """
        #expect(
            DevVarsParser.parse(text) == [
                "PLAIN": "overridden", "SPACED": "spaced value", "EXPORTED": "yes",
                "DOUBLE": "line1\nline2 \"quoted\" # not a comment", "SINGLE": "raw \\n $value", "HASH": "abc#def",
                "EMPTY": "", "MULTI": "first\nsecond",
            ])
    }

    @Test func devVarsBesideTheConfigBecomeSecrets() throws {
        let loaded = try ConfigFixtures.load(
            text: "name = \"w\"", extraFiles: [".dev.vars": "API_KEY=\"secret-1\"\n", ".env": "FROM_ENV=1"])
        #expect(loaded.config.secrets == ["API_KEY": "secret-1"])
        #expect(loaded.config.vars.isEmpty)
    }

    @Test func environmentSpecificDevVarsArePreferred() throws {
        let files = [".dev.vars": "API_KEY=general", ".dev.vars.staging": "API_KEY=staging\nOTHER=x"]
        let staging = try ConfigFixtures.load(
            text: "name = \"w\"\n[env.staging]", environment: "staging", extraFiles: files)
        #expect(staging.config.secrets == ["API_KEY": "staging", "OTHER": "x"])
        let production = try ConfigFixtures.load(
            text: "name = \"w\"\n[env.production]", environment: "production", extraFiles: files)
        #expect(production.config.secrets == ["API_KEY": "general"])
    }

    @Test func dotEnvFilesAreUsedWithoutDevVars() throws {
        let loaded = try ConfigFixtures.load(
            text: "name = \"w\"\n[env.staging]", environment: "staging",
            extraFiles: [".env": "A=1\nB=1", ".env.staging": "B=2\nC=2", ".env.local": "C=3"])
        #expect(loaded.config.secrets == ["A": "1", "B": "2", "C": "3"])
    }

    @Test func exampleFilesAreNeverRead() throws {
        let loaded = try ConfigFixtures.load(text: "name = \"w\"", extraFiles: [".dev.vars.example": "KEY=placeholder"])
        #expect(loaded.config.secrets.isEmpty)
    }
}
