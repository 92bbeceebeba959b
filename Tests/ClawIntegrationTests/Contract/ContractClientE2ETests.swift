import ClawRuntime
import ClawTestSupport
import ClawWire
import Foundation
import Testing

extension E2E {
    @Suite("a client generated from /openapi.json")
    struct GeneratedClient {
        @Test("openapi-python-client generates a client from the served document; it creates an instance, waits for RUNNING, gets and deletes it")
        func pythonClient() async throws {
            let bin = TestPaths.repoRoot + "/.build-venv/bin"
            try #require(FileManager.default.isExecutableFile(atPath: bin + "/openapi-python-client"),
                         "\(bin)/openapi-python-client is missing: run scripts/setup")
            try await E2EInstall.with { install in
                let daemon = try await install.start()
                let org = try await install.makeOrg("client-\(install.installID)", creditCents: 10_000)
                let document = try await install.claw(org).send("GET", "/openapi.json")
                #expect(document.status == 200)
                let dir = try TestPaths.makeTempDir("client")
                defer { try? FileManager.default.removeItem(atPath: dir) }
                try Data(document.text.utf8).write(to: URL(fileURLWithPath: dir + "/openapi.json"))
                try Data(Self.flow.utf8).write(to: URL(fileURLWithPath: dir + "/flow.py"))

                let environment = ["PATH": bin + ":/usr/bin:/bin", "HOME": dir, "PYTHONPATH": dir + "/gen",
                                   "BASE_URL": "http://127.0.0.1:\(daemon.port)", "KEY": org.key,
                                   "SUBDOMAIN": "gen\(E2E.suffix())"]
                let generated = try await ProcessRunner().run(
                    bin + "/openapi-python-client",
                    ["generate", "--path", dir + "/openapi.json", "--output-path", dir + "/gen/clawd_client", "--meta", "none"],
                    environment: environment, timeout: .seconds(60), mergeStandardError: true)
                try #require(generated.succeeded, "generation failed: \(generated.stdout)")
                #expect(!generated.stdout.contains("Warning"), "the generator skipped part of the document: \(generated.stdout)")

                let flow = try await ProcessRunner().run(bin + "/python", [dir + "/flow.py"], environment: environment,
                                                         timeout: .seconds(120), mergeStandardError: true)
                #expect(flow.succeeded, "\(flow.stdout)")
                #expect(flow.stdout.contains("flow ok"), "\(flow.stdout)")
            }
        }

        /// create → wait for RUNNING → get → delete → DELETED, through the generated functions and models only.
        static let flow = #"""
        import os, sys, time
        import httpx
        from clawd_client import AuthenticatedClient
        from clawd_client.api.default import (post_v1_claw_instances, get_v1_claw_instances_id,
                                              get_v1_claw_instances_id_wait, delete_v1_claw_instances_id)
        from clawd_client.models import CreateInstanceRequest, ClawChargeDTO, ClawInstanceDTO
        from clawd_client.models.get_v1_claw_instances_id_wait_status import GetV1ClawInstancesIdWaitStatus

        client = AuthenticatedClient(base_url=os.environ["BASE_URL"], token=os.environ["KEY"], timeout=httpx.Timeout(75.0))
        sub = os.environ["SUBDOMAIN"]
        created = post_v1_claw_instances.sync_detailed(client=client, body=CreateInstanceRequest(subdomain=sub))
        assert created.status_code == 201, (created.status_code, created.content)
        assert isinstance(created.parsed, ClawChargeDTO), created.parsed
        iid = created.parsed.id
        print("created", iid, created.parsed.status)

        deadline = time.time() + 90
        while True:
            w = get_v1_claw_instances_id_wait.sync_detailed(iid, client=client, status=GetV1ClawInstancesIdWaitStatus.RUNNING,
                                                            timeout="30")
            assert w.status_code in (200, 408), (w.status_code, w.content)
            if w.status_code == 200 and w.parsed.status == "RUNNING":
                break
            assert time.time() < deadline, "not RUNNING within 90 s"

        got = get_v1_claw_instances_id.sync(iid, client=client)
        assert isinstance(got, ClawInstanceDTO), got
        assert got.id == iid and got.subdomain == sub and got.status == "RUNNING", got
        print("running", got.url)

        deleted = delete_v1_claw_instances_id.sync_detailed(iid, client=client)
        assert deleted.status_code == 200, (deleted.status_code, deleted.content)
        w = get_v1_claw_instances_id_wait.sync_detailed(iid, client=client, status=GetV1ClawInstancesIdWaitStatus.DELETED,
                                                        timeout="60")
        assert w.status_code == 200 and w.parsed.status == "DELETED", (w.status_code, w.content)
        print("flow ok", iid)
        """#
    }
}
