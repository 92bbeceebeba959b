import ClawKubernetes
import Foundation
import Testing

@Suite("Kubernetes objects: decoding what the API server answers")
struct KubeObjectCodingTests {
    @Test("a Pod list item without apiVersion/kind decodes; phase, Ready, restarts and exit code are read")
    func pod() throws {
        let json = #"""
            {"metadata":{"name":"clawd-i1-5d9f-abcde","namespace":"clawd","uid":"u1","resourceVersion":"42",
              "labels":{"io.clawd.instance":"i1","io.clawd.generation":"3"}},
             "spec":{"containers":[{"name":"instance","image":"img","ports":[{"containerPort":18789,"name":"gateway"}],
               "readinessProbe":{"tcpSocket":{"port":"gateway"}}}],"extraField":{"x":1}},
             "status":{"phase":"Running","podIP":"10.1.2.3",
               "conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"instance","ready":true,"restartCount":2,
                 "state":{"running":{"startedAt":"2026-12-06T10:00:00Z"}},
                 "lastState":{"terminated":{"exitCode":3,"reason":"Error"}}}]}}
            """#
        let pod = try JSONDecoder().decode(Pod.self, from: Data(json.utf8))
        #expect(pod.isReady)
        #expect(pod.status?.phase == "Running")
        #expect(pod.status?.podIP == "10.1.2.3")
        #expect(pod.metadata.labels?["io.clawd.generation"] == "3")
        let status = try #require(pod.status?.containerStatuses?.first)
        #expect(status.restartCount == 2)
        #expect(status.state?.running?.startedAt == "2026-12-06T10:00:00Z")
        #expect(status.lastState?.terminated?.exitCode == 3)
        #expect(pod.spec?.containers.first?.readinessProbe?.tcpSocket?.port == .string("gateway"))
        #expect(pod.apiVersion == "v1")
        #expect(pod.kind == "Pod")
    }

    @Test("a pod whose Ready condition is False or missing is not ready")
    func notReady() throws {
        let pending = try JSONDecoder().decode(Pod.self, from: Data(#"""
            {"metadata":{"name":"p"},"status":{"phase":"Pending","conditions":[{"type":"Ready","status":"False"}],
             "containerStatuses":[{"name":"instance","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}}
            """#.utf8))
        #expect(!pending.isReady)
        #expect(pending.status?.containerStatuses?.first?.state?.waiting?.reason == "ImagePullBackOff")
        #expect(!Pod(metadata: ObjectMeta(name: "p")).isReady)
    }

    @Test("a list of Deployments decodes with its resourceVersion")
    func list() throws {
        let json = #"{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"77"},"items":[{"metadata":{"name":"clawd-i1"},"spec":{"replicas":0,"selector":{"matchLabels":{"a":"b"}},"strategy":{"type":"Recreate"},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"instance","image":"img"}]}}},"status":{"readyReplicas":1}}]}"#
        let list = try JSONDecoder().decode(KubeList<Deployment>.self, from: Data(json.utf8))
        #expect(list.metadata.resourceVersion == "77")
        #expect(list.items.first?.spec?.replicas == 0)
        #expect(list.items.first?.spec?.strategy == .recreate)
        #expect(list.items.first?.status?.readyReplicas == 1)
    }

    @Test("a Lease encodes its spec and type meta; MicroTime has six fractional digits and parses back")
    func lease() throws {
        let date = Date(timeIntervalSince1970: 1_796_000_000.25)
        let time = LeaseSpec.microTime(date)
        #expect(time == "2026-11-30T00:53:20.250000Z")
        #expect(LeaseSpec.parseTime(time).map { abs($0.timeIntervalSince(date)) < 0.001 } == true)
        #expect(LeaseSpec.parseTime("2026-11-30T00:53:20Z") != nil)
        let lease = Lease(metadata: ObjectMeta(name: "clawd-leader", namespace: "clawd"),
                          spec: LeaseSpec(holderIdentity: "clawd-0", leaseDurationSeconds: 15, renewTime: time,
                                          leaseTransitions: 1))
        let json = String(decoding: try ManifestEncoding.json(lease), as: UTF8.self)
        #expect(json.contains(#""apiVersion" : "coordination.k8s.io/v1""#))
        #expect(json.contains(#""kind" : "Lease""#))
        #expect(!json.contains("acquireTime"))
        #expect(try JSONDecoder().decode(Lease.self, from: Data(json.utf8)) == lease)
    }
}
