import Testing

@testable import FlareConfig

struct DiagnosticsTests {
    @Test func rendersAsWranglerDoes() {
        var diagnostics = Diagnostics(file: "wrangler.toml")
        diagnostics.warning("", "Unexpected fields found in top-level field: \"unexpected\"")
        diagnostics.error("queues.consumers[0]", "first line\nsecond line")
        #expect(diagnostics.hasErrors)
        #expect(
            diagnostics.render() == """
                Processing wrangler.toml configuration:
                  - [WARNING] Unexpected fields found in top-level field: "unexpected"
                  - [ERROR] first line
                    second line
                """)
    }

    @Test func environmentFindingsFormANestedBlock() {
        var diagnostics = Diagnostics(file: "wrangler.toml")
        diagnostics.warning("env.dev.vars", "first\nsecond\n", environment: "dev")
        diagnostics.warning("", "top")
        #expect(
            diagnostics.render() == """
                Processing wrangler.toml configuration:
                  - [WARNING] top
                  - "env.dev" environment configuration
                    - [WARNING] first
                      second
                """)
    }
}
