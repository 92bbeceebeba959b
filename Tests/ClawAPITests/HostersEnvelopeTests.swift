@testable import ClawAPI
import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird
import Testing

@Suite("ClawHosters envelopes, pagination and the integer-id mapping")
struct HostersEnvelopeTests {
    @Test("error codes and statuses of the dialect")
    func errorTable() {
        let table: [(ClawError.Code, Int, String)] = [
            (.unauthenticated, 401, "unauthorized"), (.notFound, 404, "not_found"),
            (.methodNotAllowed, 405, "method_not_allowed"), (.payloadTooLarge, 413, "payload_too_large"),
            (.invalidArgument, 422, "unprocessable_entity"), (.conflict, 422, "unprocessable_entity"),
            (.insufficientBalance, 422, "unprocessable_entity"), (.rateLimited, 429, "rate_limit_exceeded"),
            (.internal, 500, "internal_error"), (.storage, 500, "internal_error"),
            (.storageFull, 507, "insufficient_storage"),
        ]
        for (code, status, name) in table {
            let (s, n) = HostersError.statusAndCode(code)
            #expect(Int(s.code) == status && n == name, "\(code)")
        }
        #expect(HostersError.problem("'page' is required", field: "page") == "is required")
        #expect(HostersError.problem("must be a whole number from 1", field: "page") == "must be a whole number from 1")
    }

    @Test("pagination arithmetic: pages from 1, per_page capped at 100, past the end is empty")
    func pages() throws {
        #expect(HostersPage().pagination(totalCount: 0) == HostersPagination(currentPage: 1, totalPages: 0, totalCount: 0, perPage: 25))
        #expect(HostersPage(page: 3, perPage: 25).pagination(totalCount: 52).totalPages == 3)
        #expect(HostersPage(page: 3, perPage: 25).offset == 50)
        #expect(HostersPage(page: Int.max, perPage: 100).offset > 1_000_000)
        #expect(try HostersPage.number("7", name: "page") == 7)
        for bad in ["0", "-1", "x", "1.5", "", "+3", "٣"] {
            #expect(throws: ClawError.self) { try HostersPage.number(bad, name: "page") }
        }
        #expect(Hosters.instanceNumber("42") == 42)
        for bad in ["0", "-4", "abc", "", "99999999999999999999", "4 2"] { #expect(Hosters.instanceNumber(bad) == nil) }
    }

    @Test("integer ids map to instances, scoped by org; a deleted one is visible only while its delete runs")
    func mapping() async throws {
        let h = try Harness()
        let a = try await h.org(), b = try await h.org()
        let (one, _) = try await h.service.create(orgID: a.id, subdomain: "one", defaultModel: nil, tier: .budget, imConfig: nil)
        let (two, _) = try await h.service.create(orgID: a.id, subdomain: "two", defaultModel: nil, tier: .pro, imConfig: nil)
        let numbers = try await h.store.instanceNumbers(ids: [one.id, two.id, "cmissing"])
        let n1 = try #require(numbers[one.id]), n2 = try #require(numbers[two.id])
        #expect(n2 > n1 && numbers.count == 2)
        await #expect(try h.store.hostersInstance(number: n1, orgID: a.id)?.instance.id == one.id)
        await #expect(try h.store.hostersInstance(number: n1, orgID: b.id) == nil)
        await #expect(try h.store.hostersInstance(number: n1, orgID: nil)?.instance.id == one.id)
        await #expect(try h.store.instanceID(number: n2, orgID: a.id) == two.id)
        await #expect(try h.store.instanceID(number: n2, orgID: b.id) == nil)
        await #expect(try h.store.hostersInstance(number: n1, orgID: a.id)?.provisionedAt == nil)
        try await h.markRunning(one.id)
        let running = try await #require(try h.store.hostersInstance(number: n1, orgID: a.id))
        #expect(running.provisionedAt != nil && !running.deleting)
        _ = try await h.service.request(.delete, instanceID: one.id, orgID: a.id)
        await #expect(try h.store.hostersInstance(number: n1, orgID: a.id)?.deleting == true)
        await #expect(try h.store.hostersInstances(orgID: a.id, offset: 0, limit: 10).total == 2)
        try await h.service.finishOperations(instanceID: one.id, succeeded: true, error: nil)
        await #expect(try h.store.hostersInstance(number: n1, orgID: a.id) == nil)
        let page = try await h.store.hostersInstances(orgID: a.id, offset: 0, limit: 10)
        #expect(page.total == 1 && page.records.map(\.number) == [n2])
        await #expect(try h.store.hostersInstances(orgID: a.id, offset: 1, limit: 10).records.isEmpty)
    }
}
