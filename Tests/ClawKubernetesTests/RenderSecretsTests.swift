import ClawCore
import ClawKubernetes
import Foundation
import Testing

@Suite("Kubernetes render: the secrets file")
struct RenderSecretsTests {
    static let objects = InstanceManifests.render(RenderFixtures.workload(), settings: RenderFixtures.placement)

    @Test("the IM config is only in the Secret, as the file im-config.json")
    func onlyInSecret() throws {
        let objects = Self.objects
        #expect(objects.secret.type == "Opaque")
        #expect(objects.secret.data == ["im-config.json": Data(RenderFixtures.secretJSON.utf8)])
        let base64 = Data(RenderFixtures.secretJSON.utf8).base64EncodedString()
        let others: [any KubeObject] = [objects.deployment, objects.persistentVolumeClaim, objects.service, objects.ingress!]
        for object in others {
            let text = try ManifestEncoding.yamlDocuments([object])
            #expect(!text.contains(RenderFixtures.secretMarker), "\(type(of: object))")
            #expect(!text.contains(base64), "\(type(of: object))")
        }
        // The whole render holds it exactly once, base64 in the Secret, never in clear.
        let all = try objects.yamlDocuments()
        #expect(!all.contains(RenderFixtures.secretMarker))
        #expect(all.components(separatedBy: base64).count == 2)
    }

    @Test("no environment variable carries a secret; the Secret is mounted as files, mode 0600")
    func mountedAsFile() throws {
        let pod = try #require(Self.objects.deployment.spec?.template.spec)
        let container = try #require(pod.containers.first)
        for variable in container.env ?? [] {
            #expect(!(variable.value ?? "").contains(RenderFixtures.secretMarker), "\(variable.name)")
        }
        let volume = try #require(pod.volumes?.first { $0.secret != nil })
        #expect(volume.secret?.secretName == "clawd-\(RenderFixtures.instanceID)-secrets")
        #expect(volume.secret?.defaultMode == 0o600)
        #expect(volume.secret?.items == [KeyToPath(key: "im-config.json", path: "im-config.json")])
        #expect(volume.secret?.optional == false)
        let mount = try #require(container.volumeMounts?.first { $0.name == volume.name })
        #expect(mount.mountPath == "/home/node/.openclaw/secrets")
        #expect(mount.readOnly == true)
        // 0600 is written as the decimal the API expects.
        #expect(try ManifestEncoding.yaml(Self.objects.deployment).contains("defaultMode: 384"))
    }

    @Test("a Secret's description, debug description and dump show sizes, never the content")
    func descriptionHidesData() {
        let secret = Self.objects.secret
        var dumped = ""
        dump(secret, to: &dumped)
        for text in [secret.description, secret.debugDescription, String(describing: secret), String(reflecting: secret),
                     "\(Self.objects)", dumped] {
            #expect(!text.contains(RenderFixtures.secretMarker))
            #expect(!text.contains(Data(RenderFixtures.secretJSON.utf8).base64EncodedString()))
        }
        #expect(secret.description.contains("im-config.json: \(RenderFixtures.secretJSON.utf8.count) bytes"))
    }

    @Test("a Secret decodes its base64 data back to the same bytes; bad base64 is refused")
    func roundTrip() throws {
        let encoded = try JSONEncoder().encode(Self.objects.secret)
        #expect(try JSONDecoder().decode(Secret.self, from: encoded) == Self.objects.secret)
        let bad = Data(#"{"metadata":{"name":"s"},"data":{"k":"not base64!"}}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Secret.self, from: bad) }
    }

    @Test("without an IM config the file holds {}, so a removed config does not linger")
    func emptyConfig() {
        var input = RenderFixtures.workload()
        input.imConfig = .empty
        let secret = InstanceManifests.render(input, settings: RenderFixtures.placement).secret
        #expect(secret.data?["im-config.json"] == Data("{}".utf8))
    }
}
