import ArgumentParser
import ClawClient
import Foundation

extension ClawctlCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show whether clawd is up and healthy.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            do {
                let reply = try await global.client.get("/v1/claw/health")
                if global.json {
                    print(reply.text)
                    return
                }
                let obj = try reply.json()
                print("status:    \(obj["status"] as? String ?? "?")")
                print("timestamp: \(obj["timestamp"] as? String ?? "?")")
                if let checks = obj["checks"] as? [String: [String: Any]] {
                    for (name, check) in checks.sorted(by: { $0.key < $1.key }) {
                        let ok = check["ok"] as? Bool == true ? "ok" : "FAIL"
                        print("  \(name): \(ok) \(check["detail"] as? String ?? "")")
                    }
                }
            } catch {
                throw ExitCodes.fail(error)
            }
        }
    }
}
