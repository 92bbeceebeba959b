import ClawCore
import ClawKubernetes
import ClawRuntime
import ClawTestSupport
import Foundation
import Testing

/// The rendered manifests run on a real container engine: `podman kube play` of the PVC, Secret,
/// Deployment and Service of a test instance, with the demo image.
///
/// What podman 4.3 does with them (found by playing them, `podman kube play --help`: "Pods,
/// Deployments and PersistentVolumeClaims"):
/// - PersistentVolumeClaim: a named volume of the claim's name. Playing it again fails ("volume
///   already exists"), so the re-play with a new generation hands over the Deployment alone; the
///   claim outliving the workload is the point anyway.
/// - Secret: stored as a podman secret; a pod's `secret` volume becomes a read-only named volume
///   of the Secret's name holding the items as files. Two departures from Kubernetes: the file
///   holds the value still base64-encoded, and `defaultMode` is not applied (the file is 0644);
///   both are recorded below as known issues of 4.3, so a podman that fixes them fails the test
///   until the allowance is dropped. `kube down` leaves the secret and its volume: the cleanup
///   removes them. (Without an explicit `optional` the 4.3 secret volume code crashes: the render
///   writes `optional: false`.)
/// - Deployment: one pod `<name>-pod-0`, containers `<pod>-<container>`; `--replace` recreates it.
/// - Service: accepted and ignored (podman has no cluster network); fed anyway, so a podman that
///   starts to refuse it shows up here. Ingress: not rendered here (no domain).
/// The readiness probe is not evaluated by podman: the test waits for the bot's answer instead.
@Suite("podman kube play of the rendered instance", .tags(.realRuntime))
struct KubePlayE2ETests {
    static let secretJSON = #"{"telegram":{"botToken":"kubeplay-test-token"}}"#

    @Test("the rendered objects run the demo bot; a new generation keeps the volume; the secrets file is there")
    func playAndReplay() async throws {
        let play = try await KubePlay.make()
        var input = play.workload(generation: 1)
        try await withCleanup({
            let first = play.documents(InstanceManifests.render(input, settings: play.placement))
            try await play.run(["kube", "play", "-"], stdin: first.all)
            try await play.waitForBot(generation: 1)
            try await play.exec("echo kept-across-generations > \(input.stateDir)/kubeplay-marker")

            input = play.workload(generation: 2)
            let second = play.documents(InstanceManifests.rebuild(input, generation: 2, settings: play.placement))
            try await play.run(["kube", "play", "--replace", "-"], stdin: second.deployment)
            try await play.waitForBot(generation: 2)
            #expect(try await play.exec("cat \(input.stateDir)/kubeplay-marker") == "kept-across-generations")
            #expect(try await play.exec("cat \(input.stateDir)/boots") == "2")

            let secrets = input.stateDir + "/secrets/im-config.json"
            let content = try await play.exec("cat \(secrets)")
            let is43 = play.podmanVersion.hasPrefix("4.3.")
            withKnownIssue("podman 4.3 writes a Secret volume's value still base64-encoded", isIntermittent: false) {
                #expect(content == Self.secretJSON)
            } when: { is43 }
            if is43 { #expect(Data(base64Encoded: content) == Data(Self.secretJSON.utf8)) }
            let mode = try await play.exec("stat -L -c %a \(secrets)")
            withKnownIssue("podman 4.3 does not apply a Secret volume's defaultMode", isIntermittent: false) {
                #expect(mode == "600")
            } when: { is43 }
            // The Deployment and its pod carry no secret: not in the environment, not in the spec.
            let inspect = try await play.run(["inspect", play.containerName])
            #expect(!inspect.stdout.contains("kubeplay-test-token"))
            #expect(!inspect.stdout.contains(Data(Self.secretJSON.utf8).base64EncodedString()))
        }, cleanup: { await play.cleanup() })
    }
}

/// One test instance played on podman, and everything needed to remove it again.
struct KubePlay {
    let cli: RuntimeCommandLine
    let instanceID: String
    let image: String
    let podmanVersion: String
    let testLabels: [String: String]
    let placement = KubernetesPlacement(namespace: "clawdtest")

    static func make() async throws -> KubePlay {
        let cli = try await RuntimeTestBackend.podman.commandLine()
        let run = String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(10))
        let version = try await cli.output(["version", "--format", "{{.Client.Version}}"])
        return KubePlay(cli: cli, instanceID: "kubeplay\(run)",
                        image: ProcessInfo.processInfo.environment["CLAWD_TEST_IMAGE"] ?? "localhost/clawd-demo:latest",
                        podmanVersion: version.trimmingCharacters(in: .whitespacesAndNewlines),
                        testLabels: [RuntimeNames.testLabel: "1", RuntimeNames.testRunLabel: run])
    }

    var names: InstanceObjectNames { InstanceObjectNames(instanceID: instanceID) }
    /// podman's names for a played Deployment's first pod and its container.
    var podName: String { names.deployment + "-pod-0" }
    var containerName: String { podName + "-" + InstanceObjectNames.container }

    func workload(generation: Int) -> InstanceWorkload {
        InstanceWorkload(
            instanceID: instanceID, installID: "clawdtest-kubeplay", generation: generation, image: image,
            environment: ["CLAW_INSTANCE_ID": instanceID, "CLAW_HEARTBEAT_SECONDS": "1"], tier: .budget,
            imConfig: IMConfig(json: KubePlayE2ETests.secretJSON), running: true, subdomain: "kubeplay")
    }

    struct Documents {
        var all: String
        var deployment: String
    }

    /// The objects as YAML, each also labelled as a test object (the pod template too).
    func documents(_ objects: InstanceObjects) -> Documents {
        var objects = objects
        objects.persistentVolumeClaim.metadata.labels?.merge(testLabels) { _, test in test }
        objects.secret.metadata.labels?.merge(testLabels) { _, test in test }
        objects.service.metadata.labels?.merge(testLabels) { _, test in test }
        objects.deployment.metadata.labels?.merge(testLabels) { _, test in test }
        objects.deployment.spec?.template.metadata.labels?.merge(testLabels) { _, test in test }
        let all = (try? objects.yamlDocuments()) ?? ""
        let deployment = (try? ManifestEncoding.yaml(objects.deployment)) ?? ""
        return Documents(all: all, deployment: deployment)
    }

    @discardableResult
    func run(_ args: [String], stdin: String? = nil) async throws -> ProcessResult {
        let result = try await cli.run(args, timeout: .seconds(60), stdin: stdin.map { Data($0.utf8) })
        guard result.succeeded else {
            throw ClawError(.runtime, "podman \(args.joined(separator: " ")) failed: \(result.diagnosticTail())")
        }
        return result
    }

    /// `sh -c script` in the instance container; its trimmed stdout.
    @discardableResult
    func exec(_ script: String) async throws -> String {
        try await run(["exec", containerName, "sh", "-c", script]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Until the pod of `generation` runs and the bot answers on its port.
    func waitForBot(generation: Int) async throws {
        try await eventually("the demo bot of generation \(generation) answers", timeout: .seconds(60)) { () -> Bool? in
            let labels = try await cli.run(["pod", "inspect", podName, "--format",
                                            "{{index .Labels \"\(RuntimeNames.generationLabel)\"}}"])
            guard labels.succeeded, labels.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(generation)
            else { return nil }
            // (busybox's wget -T crashes in this image: the call's own timeout bounds it instead)
            let answer = try await cli.run(["exec", containerName, "wget", "-qO-",
                                            "http://127.0.0.1:\(InstanceWorkload.defaultPort)/healthz"],
                                           timeout: .seconds(5))
            return answer.succeeded && answer.stdout == "ok" ? true : nil
        }
    }

    /// `kube down` of the Deployment, then the claim's volume, the Secret and the volume podman
    /// made of it (`kube down` leaves those); never stops early, and reports what could not be
    /// removed. The pod is removed by name as well, in case the play stopped half-way.
    func cleanup() async {
        var failures: [String] = []
        let deployment = documents(InstanceManifests.render(workload(generation: 1), settings: placement)).deployment
        if let down = try? await cli.run(["kube", "down", "-"], timeout: .seconds(60), stdin: Data(deployment.utf8)),
           !down.succeeded {
            failures.append("kube down: \(down.diagnosticTail())")
        }
        let steps: [[String]] = [
            ["pod", "rm", "--force", "--ignore", podName],
            ["volume", "rm", "--force", names.persistentVolumeClaim],
            ["volume", "rm", "--force", names.secret],
            ["secret", "rm", names.secret],
        ]
        for args in steps {
            guard let result = try? await cli.run(args, timeout: .seconds(60)) else {
                failures.append(args.joined(separator: " "))
                continue
            }
            if !result.succeeded && !result.stderr.contains("no such") {
                failures.append("\(args.joined(separator: " ")): \(result.diagnosticTail())")
            }
        }
        if !failures.isEmpty { Issue.record("kube play cleanup failed: \(failures.joined(separator: "; "))") }
    }
}
