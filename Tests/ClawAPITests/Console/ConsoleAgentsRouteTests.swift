@testable import ClawAPI
import ClawCore
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("Web console: agents and backups pages — run output is text, another org's objects are 404 pages")
struct ConsoleAgentsRouteTests {
    @Test("a run's output with markup shows as text; another org sees none of the org's runs or groups")
    func runOutputEscapedAndPrivate() async throws {
        var h = try Harness()
        let runs = ContainerRunStore(store: h.store, files: ContainerFiles(dataDir: try TestPaths.makeTempDir("cagents")),
                                     subscribers: [])
        h.env.containerRuns = ContainerRunsAPI(runs: runs, queue: PureQueueView(), instanceCounts: { [:] })
        let org = try await h.org(), other = try await h.org()
        _ = try await runs.createGroup(orgID: org.id, name: "secretgroup", description: "", isMain: false, chatJids: [])
        let run = try await runs.enqueueRun(group: "secretgroup", orgID: org.id, prompt: "hi", kind: .message, timeoutSecs: nil)
        let evil = #"</pre><script>alert(1)</script>"><img src=x onerror=alert(2)>"#
        try await runs.finishRun(id: run.id, status: .succeeded, output: evil, error: nil)
        try await h.test { api in
            let b = ConsoleBrowser(api)
            _ = try await b.login(org.key)
            let page = try await b.get("/console/agents")
            #expect(page.status == 200 && page.text.contains("secretgroup") && page.text.contains(run.id))
            #expect(!page.text.contains("<script>alert") && !page.text.contains("<img src=x"))
            #expect(page.text.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
            let intruder = ConsoleBrowser(api)
            _ = try await intruder.login(other.key)
            let theirs = try await intruder.get("/console/agents")
            #expect(theirs.status == 200 && !theirs.text.contains("secretgroup") && !theirs.text.contains(run.id))
        }
    }

    @Test("another org's backup cannot be restored: a 404 page, no operation")
    func backupOfAnotherOrg() async throws {
        var h = try Harness()
        let service = BackupService(instances: h.service, directory: try TestPaths.makeTempDir("cbk") + "/backups", subscribers: [])
        h.env.backups = service
        let org = try await h.org(), other = try await h.org()
        let (instance, _) = try await h.service.create(orgID: org.id, subdomain: "cbk-\(UUID().uuidString.prefix(6).lowercased())",
                                                     defaultModel: nil, tier: .budget, imConfig: nil)
        try await h.markRunning(instance.id)
        try await h.test { api in
            let b = ConsoleBrowser(api)
            _ = try await b.login(org.key)
            try await b.get("/console/instances/\(instance.id)")
            let taken = try await b.post("/console/instances/\(instance.id)/backup", [:])
            #expect(taken.status == 200 && taken.text.contains("requested"))
            let backup = try #require(try await service.list(orgID: org.id, offset: 0, limit: 10).backups.first)
            #expect(taken.text.contains(#"data-backup-id="\#(backup.id)""#))

            let intruder = ConsoleBrowser(api)
            _ = try await intruder.login(other.key)
            let list = try await intruder.get("/console/backups")
            #expect(list.status == 200 && !list.text.contains(#"data-backup-id="\#(backup.id)""#))
            #expect(try await intruder.post("/console/backups/\(backup.id)/restore", [:]).status == 404)
            #expect(try await intruder.post("/console/instances/\(instance.id)/backup", [:]).status == 404)
            #expect(try await service.list(orgID: nil, offset: 0, limit: 10).backups.count == 1, "nothing new")
        }
    }
}
