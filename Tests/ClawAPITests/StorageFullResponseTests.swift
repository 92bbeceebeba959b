@testable import ClawAPI
import ClawCore
import Hummingbird
import Testing

@Suite("a full disk in every dialect")
struct StorageFullResponseTests {
    @Test("storage_full is 507 with Retry-After in the Claw, ClawHosters and container dialects; plain storage stays 500")
    func insufficientStorage() {
        let full = ClawError(.storageFull, "the disk holding /var/lib/clawd is full", retryAfterSeconds: 30)
        for dialect in [Dialect.claw, .hosters, .container] {
            let response = dialect.response(for: full)
            #expect(response.status.code == 507, "\(dialect)")
            #expect(response.headers[.retryAfter] == "30", "\(dialect)")
            #expect(dialect.response(for: ClawError(.storage, "x")).status.code == 500, "\(dialect)")
        }
    }
}
