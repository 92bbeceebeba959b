import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

@Suite("Channel rows: ingest, dedupe, routing onto the run queue, outbox, secrets (real SQLite file)")
struct ChannelStoreTests {
    final class Changes: ContainerChangeSubscriber, Sendable {
        let list = Mutex<[ContainerChange]>([])
        func containerChanged(_ changes: [ContainerChange]) { list.withLock { $0 += changes } }
        var runs: [QueuedRun] { list.withLock { $0.compactMap { if case .runQueued(let r) = $0 { r } else { nil } } } }
    }

    struct Fixture {
        let channels: ChannelStore
        let changes: Changes
        let dir: String
        let org: String
        let other: String
    }

    static let pattern = MessageRouting.defaultTriggerPattern(assistantName: "Andy")

    static func make() async throws -> Fixture {
        let dir = try TestPaths.makeTempDir("chan")
        let store = try Store(path: dir + "/clawd.sqlite")
        let changes = Changes()
        let runs = ContainerRunStore(store: store, files: ContainerFiles(dataDir: dir), defaultTimeoutSecs: 60, subscribers: [changes])
        let org = try await store.createOrg(name: "a", email: nil).id
        let other = try await store.createOrg(name: "b", email: nil).id
        _ = try await runs.createGroup(orgID: org, name: "team", description: "", isMain: false, chatJids: ["tg:-100"])
        _ = try await runs.createGroup(orgID: org, name: "boss", description: "", isMain: true, chatJids: ["tg:-200"])
        return Fixture(channels: ChannelStore(runs: runs, secretsDirectory: dir + "/channels"), changes: changes, dir: dir,
                       org: org, other: other)
    }

    static func message(_ chat: String, _ id: String, _ text: String, sender: String = "42", mention: Bool = false) -> InboundMessage {
        InboundMessage(chat: try! ChatJID.parse(chat), chatTitle: "T", platformMessageID: id, sender: sender, senderName: "Alice",
                       text: text, at: Timestamp(millis: 1_700_000_000_000), mentionsBot: mention)
    }

    @Test("a mention queues one run with the messages since the cursor; a redelivery changes nothing")
    func mentionQueuesOneRun() async throws {
        let f = try await Self.make()
        let c = f.channels
        #expect(try await c.ingest(orgID: f.org, Self.message("tg:-100", "1", "context first"), triggerPattern: Self.pattern) == .stored)
        let outcome = try await c.ingest(orgID: f.org, Self.message("tg:-100", "2", "hey @bot", mention: true), triggerPattern: Self.pattern)
        guard case .queued(let run) = outcome else { Issue.record("not queued: \(outcome)"); return }
        #expect(run.group == "team" && run.kind == .message)
        #expect(f.changes.runs == [run])
        let stored = try #require(try await c.runs.run(id: run.runID, orgID: f.org))
        #expect(stored.prompt.contains("Alice (2023-11-14T22:13:20.000Z): context first\nAlice (2023-11-14T22:13:20.000Z): hey @bot"))
        #expect(try await c.ingest(orgID: f.org, Self.message("tg:-100", "2", "hey @bot", mention: true), triggerPattern: Self.pattern) == .duplicate)
        #expect(f.changes.runs.count == 1)
        let messages = try await c.messages(orgID: f.org, chatJid: "tg:-100", limit: 10, before: nil)
        #expect(messages.map(\.text) == ["hey @bot", "context first"])
        #expect(messages.allSatisfy { $0.runID == run.runID })
        // The next trigger sees only what came after the cursor.
        let second = try await c.ingest(orgID: f.org, Self.message("tg:-100", "3", "@Andy again"), triggerPattern: Self.pattern)
        guard case .queued(let again) = second else { Issue.record("not queued: \(second)"); return }
        #expect(try await c.runs.run(id: again.runID, orgID: nil)?.prompt == "Alice (2023-11-14T22:13:20.000Z): @Andy again")
    }

    @Test("an unregistered chat is listed without its text; another org sees nothing of it")
    func unregisteredChat() async throws {
        let f = try await Self.make()
        #expect(try await f.channels.ingest(orgID: f.org, Self.message("tg:-999", "1", "@Andy secret words"), triggerPattern: Self.pattern) == .ignored)
        let chats = try await f.channels.chats(orgID: f.org)
        #expect(chats.map(\.jid) == ["tg:-999"] && chats[0].namespace == nil)
        #expect(try await f.channels.messages(orgID: f.org, chatJid: "tg:-999", limit: 10, before: nil).isEmpty)
        #expect(try await f.channels.chats(orgID: f.other).isEmpty)
        let texts = try await f.channels.store.read { db in try String.fetchAll(db, sql: "SELECT text FROM channel_messages") }
        #expect(texts.isEmpty)
        #expect(f.changes.runs.isEmpty)
    }

    @Test("a trigger while the group's run is running is a follow-up to that run")
    func followUp() async throws {
        let f = try await Self.make()
        let first = try await f.channels.ingest(orgID: f.org, Self.message("tg:-200", "1", "hello"), triggerPattern: Self.pattern)
        guard case .queued(let run) = first else { Issue.record("main chat did not trigger"); return }
        try await f.channels.runs.markRunning(id: run.runID, containerName: "c")
        let next = try await f.channels.ingest(orgID: f.org, Self.message("tg:-200", "2", "and more"), triggerPattern: Self.pattern)
        #expect(next == .followUp(group: "boss", runID: run.runID, text: "Alice (2023-11-14T22:13:20.000Z): and more"))
        #expect(f.changes.runs.count == 1)
    }

    @Test("allowlist: drop stores nothing, trigger mode keeps context only, refusals audited")
    func allowlist() async throws {
        let f = try await Self.make()
        try await f.channels.setAllowlist(orgID: f.org, SenderAllowlist(
            default: .init(allow: ["7"], mode: .drop), chats: ["tg:-200": .init(allow: ["7"], mode: .trigger)], logDenied: true))
        #expect(try await f.channels.ingest(orgID: f.org, Self.message("tg:-100", "1", "@Andy hi"), triggerPattern: Self.pattern) == .ignored)
        #expect(try await f.channels.ingest(orgID: f.org, Self.message("tg:-200", "1", "hi"), triggerPattern: Self.pattern) == .stored)
        let allowed = try await f.channels.ingest(orgID: f.org, Self.message("tg:-200", "2", "hi", sender: "7"), triggerPattern: Self.pattern)
        if case .queued = allowed {} else { Issue.record("allowed sender did not trigger: \(allowed)") }
        #expect(try await f.channels.messages(orgID: f.org, chatJid: "tg:-100", limit: 10, before: nil).isEmpty)
        let audit = try await f.channels.runs.auditLog(orgID: f.org, since: nil, limit: 10).filter { $0.action == "channel.sender" }
        #expect(audit.count == 2 && audit.allSatisfy { $0.outcome == "denied" })
    }

    @Test("a run block becomes outbox rows to the triggering chat once, split at the limit, internal text removed")
    func runBlocksToOutbox() async throws {
        let f = try await Self.make()
        guard case .queued(let run) = try await f.channels.ingest(orgID: f.org, Self.message("tg:-200", "1", "go"), triggerPattern: Self.pattern)
        else { Issue.record("no run"); return }
        let long = String(repeating: "a", count: 5000)
        let ids = try #require(try await f.channels.recordRunBlock(runID: run.runID, index: 0, text: "<internal>x</internal>" + long))
        #expect(ids.count == 2)
        #expect(try await f.channels.recordRunBlock(runID: run.runID, index: 0, text: long) == [])
        #expect(try await f.channels.recordRunBlock(runID: "run_other", index: 0, text: "x") == nil)
        let due = try await f.channels.dueOutbound()
        #expect(due.count == 1 && due[0].text.count == 4096 && due[0].chatJid == "tg:-200")
        try await f.channels.markAttemptFailed(id: due[0].id, error: "429", retryAt: Timestamp(millis: Timestamp.now().millis + 60_000))
        #expect(try await f.channels.dueOutbound().isEmpty, "a held-back chat keeps its order")
        try await f.channels.markAttemptFailed(id: ids[1], error: "nope", retryAt: nil)
        let failed = try #require(try await f.channels.message(id: ids[1]))
        #expect(failed.status == "failed" && failed.lastError == "nope")
        #expect(try await f.channels.store.eventCount(type: "message.failed") == 1)
    }

    @Test("the cursor rolls back when a run fails before sending anything")
    func cursorRollback() async throws {
        let f = try await Self.make()
        guard case .queued(let run) = try await f.channels.ingest(orgID: f.org, Self.message("tg:-200", "1", "one"), triggerPattern: Self.pattern)
        else { Issue.record("no run"); return }
        try await f.channels.runEnded(runID: run.runID, failed: true)
        guard case .queued(let again) = try await f.channels.ingest(orgID: f.org, Self.message("tg:-200", "2", "two"), triggerPattern: Self.pattern)
        else { Issue.record("no run"); return }
        let prompt = try await f.channels.runs.run(id: again.runID, orgID: nil)?.prompt ?? ""
        #expect(prompt.contains("one") && prompt.contains("two"))
    }

    @Test("credentials live in a 0600 file; rows keep last4; the same token on another org is a 409")
    func secrets() async throws {
        let f = try await Self.make()
        let token = "123456:SECRET-TOKEN-abcd"
        let record = try await f.channels.connect(orgID: f.org, platform: .telegram, credentials: .init(botToken: token),
                                                  account: "123456", identity: ["username": "bot"])
        #expect(record.configured == ["botToken": "…abcd"] && record.status == .connecting)
        let path = f.channels.secretsPath(record.id)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(f.channels.credentials(channelID: record.id)?.botToken == token)
        await #expect(throws: ClawError.self) {
            try await f.channels.connect(orgID: f.other, platform: .telegram, credentials: .init(botToken: token), account: "1", identity: [:])
        }
        let db = try String(contentsOfFile: f.dir + "/clawd.sqlite", encoding: .isoLatin1)
        #expect(!db.contains("SECRET-TOKEN"))
        #expect(try await f.channels.disconnect(orgID: f.org, platform: .telegram))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a chat run clawd died during is queued again once with the same messages; a run that sent something is not")
    func interruptedRunQueuedAgain() async throws {
        let f = try await Self.make()
        let c = f.channels
        _ = try await c.ingest(orgID: f.org, Self.message("tg:-100", "1", "context first"), triggerPattern: Self.pattern)
        guard case .queued(let run) = try await c.ingest(orgID: f.org, Self.message("tg:-100", "2", "hey @bot", mention: true),
                                                        triggerPattern: Self.pattern) else { Issue.record("not queued"); return }
        #expect(try await c.runs.markRunning(id: run.runID, containerName: "x"))
        #expect(try await c.runs.failInterruptedRuns().map(\.id) == [run.runID])
        let retry = try #require(try await c.retryInterrupted(runID: run.runID))
        let first = try #require(try await c.runs.run(id: run.runID, orgID: nil))
        let again = try #require(try await c.runs.run(id: retry, orgID: nil))
        #expect(again.prompt == first.prompt && again.status == .queued && again.group == "team")
        #expect(f.changes.runs.last?.runID == retry, "the queue hears of it")
        #expect(try await c.retryInterrupted(runID: run.runID) == nil, "queued again once")
        // The retry dies too: not queued a third time.
        #expect(try await c.runs.markRunning(id: retry, containerName: "y"))
        _ = try await c.runs.failInterruptedRuns()
        #expect(try await c.retryInterrupted(runID: retry) == nil)

        // A run whose reply was already recorded is not run again.
        guard case .queued(let answered) = try await c.ingest(orgID: f.org, Self.message("tg:-100", "3", "@Andy more"),
                                                             triggerPattern: Self.pattern) else { Issue.record("not queued"); return }
        #expect(try await c.runs.markRunning(id: answered.runID, containerName: "z"))
        _ = try await c.recordRunBlock(runID: answered.runID, index: 0, text: "an answer")
        _ = try await c.runs.failInterruptedRuns()
        #expect(try await c.retryInterrupted(runID: answered.runID) == nil)
        #expect(try await c.retryInterrupted(runID: "run_unknown") == nil)
    }

    @Test("connection health: attempts count up while connecting, reset when connected; each change is a channel.status event")
    func health() async throws {
        let f = try await Self.make()
        let record = try await f.channels.connect(orgID: f.org, platform: .telegram, credentials: .init(botToken: "1:HEALTH"),
                                                  account: "1", identity: [:])
        let ids = { () async throws -> Int64 in try await f.channels.store.events(orgID: f.org, after: 0).last?.id ?? 0 }
        let before = try await ids()
        try await f.channels.setStatus(channelID: record.id, .connected, lastError: nil)
        for error in ["connection lost", "refused", "refused"] {
            try await f.channels.setStatus(channelID: record.id, .connecting, lastError: error)
        }
        var shown = try #require(try await f.channels.channel(id: record.id))
        #expect(shown.status == .connecting && shown.attempts == 3 && shown.lastError == "refused")
        try await f.channels.setStatus(channelID: record.id, .connected, lastError: nil)
        shown = try #require(try await f.channels.channel(id: record.id))
        #expect(shown.attempts == 0 && shown.lastError == nil)
        try await f.channels.setStatus(channelID: record.id, .error, lastError: "401 Unauthorized")
        let events = try await f.channels.store.events(orgID: f.org, after: before)
        let data = { (e: StoredEvent) in (try? JSONDecoder().decode([String: String].self, from: Data(e.dataJSON.utf8))) ?? [:] }
        let changes = events.filter { $0.type == "channel.status" }.map(data)
        #expect(changes.map { $0["status"] ?? "" } == ["connected", "connecting", "connected", "error"], "one event per change of status")
        #expect(changes[1]["attempts"] == "1" && changes[1]["error"] == "connection lost" && changes[1]["from"] == "connected")
        #expect(events.filter { $0.type == "channel.error" }.count == 1)
        #expect(try await f.channels.store.events(orgID: f.other, after: before).isEmpty)
    }

    @Test("IPC messages files go to chats of the group only")
    func ipcMessages() async throws {
        let f = try await Self.make()
        let dir = f.dir + "/ipc/team/messages"
        try Data(#"{"chatJid":"tg:-100","text":"from the agent"}"#.utf8).write(to: URL(fileURLWithPath: dir + "/1.json"))
        try Data(#"{"chatJid":"tg:-200","text":"not mine"}"#.utf8).write(to: URL(fileURLWithPath: dir + "/2.json"))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: dir + "/3.json"))
        let taken = await f.channels.takeIPCMessages(group: "team")
        #expect(taken.queued == 1 && taken.refused == 2)
        #expect(try await f.channels.dueOutbound().map(\.text) == ["from the agent"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
