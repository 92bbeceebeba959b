import ArgumentParser
import ClawClient
import ClawCore
import Foundation

extension ClawctlCommand {
    struct ContainerCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "container", abstract: "Agent runs (the NanoClaw container API): queue, mounts, credential proxy, runs.",
            discussion: """
                Host-wide settings (max-concurrent, allowlist set, proxy start/stop/port/mapping) may be \
                changed only by the host admin (clawctl) or an org listed in container_operator_orgs. \
                Commands that take --org act for that org (X-Clawd-Org); without it they see every org's \
                groups, runs and audit entries.
                """,
            subcommands: [
                ContainerStatus.self, ContainerMaxConcurrent.self, AllowlistCommand.self, ProxyCommand.self,
                ContainerGroups.self, ContainerRun.self, ContainerRunStatus.self, ContainerRuns.self,
                ContainerFollowUp.self, ContainerClose.self, ContainerAuditLog.self,
            ])
    }
}

/// `--org ORG_ID`: the org a container command acts for (the `X-Clawd-Org` header on the socket).
struct ContainerOrgOption: ParsableArguments {
    @Option(help: ArgumentHelp("Act for this org only (default: every org).", valueName: "org-id"))
    var org: String?

    func validate() throws {
        guard let org else { return }
        let ok = !org.isEmpty && org.count <= 64 && !org.hasPrefix("-")
            && org.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "_" || $0 == "-" }
        guard ok else { throw ValidationError("--org must be an org id such as org_ab12cd (letters, digits, _ and -)") }
    }
}

/// Argument checks shared by the container commands (bad values exit 2 before any request).
enum ContainerArgs {
    static func group(_ name: String, option: String = "--group") throws {
        do { try GroupName.validate(name) } catch {
            throw ValidationError("\(option): \(error.message)")
        }
    }

    static func limit(_ value: Int?, max: Int) throws {
        if let value, !(1...max).contains(value) { throw ValidationError("--limit must be between 1 and \(max)") }
    }

    /// Reads a secret or text from a file, or from stdin for `-`; one trailing newline is dropped.
    static func readText(_ path: String, what: String, maxBytes: Int) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: path) else {
                throw CLIFailure.usage("cannot read the \(what) file \(path)")
            }
            data = d
        }
        guard data.count <= maxBytes else { throw CLIFailure.usage("the \(what) is longer than \(maxBytes) bytes") }
        guard var text = String(data: data, encoding: .utf8) else { throw CLIFailure.usage("the \(what) is not UTF-8 text") }
        if text.hasSuffix("\r\n") { text.removeLast(1) } else if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

extension API {
    /// `/api/v1/container` + `path`.
    static func container(_ path: String) -> String { "/api/v1/container" + path }

    /// `?a=1&b=x` from the pairs whose value is set, values percent-encoded.
    static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { k, v in v.map { "\(k)=\(segment($0))" } }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
