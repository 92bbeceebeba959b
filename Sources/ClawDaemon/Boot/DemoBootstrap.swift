import ClawCore
import ClawStore

/// First start of a demo install: org `demo`, $100 of credit and one API key, printed once.
enum DemoBootstrap {
    struct Result: Sendable {
        var org: Org
        var key: String
    }

    /// Does nothing (nil) when any org exists already.
    static func runIfEmpty(store: Store) async throws(ClawError) -> Result? {
        guard try await store.listOrgs().isEmpty else { return nil }
        let org = try await store.createOrg(name: "demo", email: nil)
        let credited = try await store.credit(orgID: org.id, amount: Cents(10_000), description: "demo credit")
        let key = try await store.createKey(orgID: org.id, name: "demo", prefix: "claw")
        return Result(org: credited, key: key.secret)
    }

    static func banner(_ r: Result, listen: String) -> String {
        """

        clawd demo: org '\(r.org.name)' (\(r.org.id)) created with \(r.org.balance) of credit.
        API key (shown only now):

            \(r.key)

        Try it:

            curl -s -H 'Authorization: Bearer \(r.key)' http://\(listen)/v1/claw/instances
            curl -s -X POST -H 'Authorization: Bearer \(r.key)' -H 'Content-Type: application/json' \\
                 -d '{"subdomain":"my-bot"}' http://\(listen)/v1/claw/instances

        """
    }
}
