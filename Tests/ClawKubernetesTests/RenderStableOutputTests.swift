import ClawKubernetes
import Foundation
import Testing

@Suite("Kubernetes render: byte-stable YAML and JSON")
struct RenderStableOutputTests {
    static func render() -> InstanceObjects {
        InstanceManifests.render(RenderFixtures.workload(), settings: RenderFixtures.placement)
    }

    @Test("rendering twice gives the same bytes, in YAML and in JSON")
    func twice() throws {
        // Dictionaries hash with a per-process seed, so many renders in one run also cover key order.
        let yaml = try Self.render().yamlDocuments()
        let json = try Self.render().json()
        for _ in 0..<20 {
            #expect(try Self.render().yamlDocuments() == yaml)
            #expect(try Self.render().json() == json)
        }
    }

    @Test("the full render matches Golden/instance-render.yaml (CLAWD_UPDATE_GOLDEN=1 rewrites it)")
    func golden() throws {
        let actual = try Self.render().yamlDocuments()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/instance-render.yaml")
        if ProcessInfo.processInfo.environment["CLAWD_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if let diff = GoldenDiff.firstDifferences(expected: expected, actual: actual) {
            Issue.record("""
                the render differs from \(url.path); if the change is intended, rerun with \
                CLAWD_UPDATE_GOLDEN=1 and commit the file:
                \(diff)
                """)
        }
    }

    @Test("each document names its apiVersion and kind; unset optionals are left out")
    func typeMetaAndOmittedOptionals() throws {
        let objects = Self.render()
        let documents = try objects.yamlDocuments().components(separatedBy: "---\n")
        let heads = documents.map { document in
            document.split(separator: "\n").filter { $0.hasPrefix("apiVersion:") || $0.hasPrefix("kind:") }
        }
        #expect(heads == [
            ["apiVersion: v1", "kind: PersistentVolumeClaim"], ["apiVersion: v1", "kind: Secret"],
            ["apiVersion: apps/v1", "kind: Deployment"], ["apiVersion: v1", "kind: Service"],
            ["apiVersion: networking.k8s.io/v1", "kind: Ingress"],
        ])
        let json = String(decoding: try objects.json(), as: UTF8.self)
        for absent in ["null", "\"status\"", "\"creationTimestamp\"", "\"resourceVersion\"", "clusterIP\""] {
            #expect(!json.contains(absent), "\(absent)")
        }
        // A label value that looks like a number stays a string for the API server.
        #expect(documents[2].contains("io.clawd.generation: '3'") || documents[2].contains("io.clawd.generation: \"3\""))
    }
}

/// A short line diff for a failing golden comparison: the lines only in the golden file (-) and
/// only in the render (+), numbered, from a longest common subsequence of the two.
enum GoldenDiff {
    static func firstDifferences(expected: String, actual: String, limit: Int = 16) -> String? {
        guard expected != actual else { return nil }
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        // common[i][j]: the longest common subsequence of old[i...] and new[j...].
        var common = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var lines: [String] = []
        var (i, j) = (0, 0)
        while (i < old.count || j < new.count) && lines.count < limit {
            if i < old.count && j < new.count && old[i] == new[j] {
                (i, j) = (i + 1, j + 1)
            } else if j < new.count && (i == old.count || common[i][j + 1] >= common[i + 1][j]) {
                lines.append("+ \(j + 1): \(new[j])")
                j += 1
            } else {
                lines.append("- \(i + 1): \(old[i])")
                i += 1
            }
        }
        return lines.joined(separator: "\n")
    }
}
