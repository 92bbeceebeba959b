import ClawCore
import Testing

@Suite("Identifiers and hex")
struct IdentifierTests {
    @Test("hex is lowercase, two digits per byte, leading zeros kept")
    func hex() {
        #expect(Identifier.hex([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(Identifier.hex([UInt8]()) == "")
        #expect(Identifier.hex(Identifier.randomBytes(16)).wholeMatch(of: /[0-9a-f]{32}/) != nil)
    }

    @Test("ids: the prefix, then base36 of the asked length")
    func make() {
        let id = Identifier.make(prefix: "c", length: 24)
        #expect(id.wholeMatch(of: /c[0-9a-z]{24}/) != nil)
        #expect(Identifier.make(prefix: "c") != id)
    }
}
