import ClawCore
import Testing

@Suite("Group names and agent output markers")
struct GroupNameAndOutputTests {
    @Test("valid group names", arguments: ["main", "a", "team-1", "x_y", "0abc", String(repeating: "a", count: 64)])
    func valid(name: String) { #expect(GroupName.isValid(name)) }

    @Test("refused group names", arguments: [
        "", "global", "..", "a/../b", "a/b", "-rm", "_x", "Upper", "a\0b", "a b", "a.b", "é",
        String(repeating: "a", count: 65), "a\\b",
    ])
    func refused(name: String) { #expect(!GroupName.isValid(name)) }

    @Test("'global' is allowed only where asked for")
    func global() throws {
        try GroupName.validate("global", allowGlobal: true)
        #expect(throws: ClawError.self) { try GroupName.validate("global") }
    }

    @Test("results are the text between the markers; without markers the output is everything printed")
    func markers() {
        var o = AgentOutput()
        for line in ["booting", AgentOutput.startMarker, "hello", "world", AgentOutput.endMarker, "bye",
                     " \(AgentOutput.startMarker) ", "second", AgentOutput.endMarker] {
            o.append(line: line)
        }
        #expect(o.results == ["hello\nworld", "second"])
        #expect(o.output == "hello\nworld\nsecond")
        var plain = AgentOutput()
        plain.append(line: "just text")
        #expect(plain.output == "just text\n")
        var unterminated = AgentOutput()
        unterminated.append(line: AgentOutput.startMarker)
        unterminated.append(line: "partial")
        #expect(unterminated.results.isEmpty)
    }

    @Test("output beyond the cap is cut and flagged")
    func cap() {
        var o = AgentOutput(limitBytes: 100)
        o.append(line: AgentOutput.startMarker)
        for _ in 0..<50 { o.append(line: "0123456789") }
        o.append(line: AgentOutput.endMarker)
        #expect(o.truncated)
        #expect(o.raw.utf8.count <= 100)
        #expect(o.output.utf8.count <= 100)
    }
}
