import ArgumentParser
import ClawCore
import ClawWire
import Foundation

extension ClawctlCommand.ContainerCommand {
    struct AllowlistCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allowlist", abstract: "The mount allowlist: which host directories agent runs may mount.",
            discussion: """
                Deny by default: without an allowlist every extra mount is refused. Paths are resolved \
                (~, symlinks) before checking; the built-in blocked patterns (.ssh, .aws, .env, id_rsa, …) \
                always apply.
                """,
            subcommands: [AllowlistShow.self, AllowlistSet.self, AllowlistValidate.self])
    }
}

extension ClawctlCommand.ContainerCommand.AllowlistCommand {
    struct AllowlistShow: ClawctlSubcommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the allowlist.")
        @OptionGroup var global: GlobalOptions

        func execute(_ api: API) async throws {
            let (reply, list) = try await api.answer("GET", API.container("/mount/allowlist"), as: ContainerWire.Allowlist.self)
            if global.json { return print(reply.text) }
            Self.render(list)
        }

        static func render(_ list: ContainerWire.Allowlist) {
            let roots = list.allowedRoots
            if !list.configured {
                Swift.print("no allowlist configured: every extra mount is refused")
            } else if roots.isEmpty {
                Swift.print("no allowed roots: every extra mount is refused")
            } else {
                var table = Table("ROOT", "ACCESS", "DESCRIPTION")
                for r in roots {
                    table.add([Format.text(r.path), r.allowReadWrite ? "rw" : "ro", Format.text(r.description)])
                }
                table.print()
            }
            var f = Fields()
            let blocked = list.blockedPatterns
            f.add("blocked patterns", blocked.isEmpty ? "built-in only" : blocked.joined(separator: " ") + " (and the built-in ones)")
            f.add("non-main read-only", list.nonMainReadOnly ? "yes" : "no")
            f.print()
        }
    }

    struct AllowlistSet: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Replace the allowlist (host admin or an operator org only).",
            discussion: """
                Each --root is an absolute directory (or ~/…), read-only unless suffixed :rw. The whole \
                list is replaced: give every root you want to keep. --deny-all stores an empty list.
                Example: clawctl container allowlist set --root /srv/projects:rw --root /srv/docs --blocked .cache
                """)
        @Option(name: .customLong("root"), help: ArgumentHelp("An allowed root, PATH or PATH:rw (repeat).", valueName: "path[:rw]"))
        var roots: [String] = []
        @Option(name: .customLong("blocked"), help: ArgumentHelp("A blocked path pattern, added to the built-in ones (repeat).",
                                                                 valueName: "pattern"))
        var blocked: [String] = []
        @Flag(inversion: .prefixedNo, help: "Mounts of non-main groups are read-only whatever the root allows (default: yes).")
        var nonMainReadOnly: Bool?
        @Flag(help: "Store an empty list: every extra mount is refused.") var denyAll = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if roots.isEmpty != denyAll {
                throw ValidationError(denyAll ? "--deny-all and --root exclude each other" : "give at least one --root (or --deny-all)")
            }
            do { try body.validate() } catch {
                // The API's words name the JSON field; the user typed --root.
                let message = error.message.replacingOccurrences(of: #"allowedRoots\[\d+\]"#, with: "--root", options: .regularExpression)
                throw ValidationError(message)
            }
        }

        /// `PATH:rw` / `PATH:ro` / `PATH` as an allowlist root.
        static func root(_ spec: String) -> MountAllowlist.Root {
            for (suffix, rw) in [(":rw", true), (":ro", false)] where spec.hasSuffix(suffix) && spec.count > suffix.count {
                return MountAllowlist.Root(path: String(spec.dropLast(suffix.count)), allowReadWrite: rw)
            }
            return MountAllowlist.Root(path: spec)
        }

        /// Without --[no-]non-main-read-only the server's default (read-only) holds.
        var body: MountAllowlist {
            MountAllowlist(allowedRoots: roots.map(Self.root), blockedPatterns: blocked, nonMainReadOnly: nonMainReadOnly ?? true)
        }

        func execute(_ api: API) async throws {
            let (reply, list) = try await api.answer("PUT", API.container("/mount/allowlist"), body: body,
                                                     as: ContainerWire.Allowlist.self)
            if global.json { return print(reply.text) }
            AllowlistShow.render(list)
        }
    }

    struct AllowlistValidate: ClawctlSubcommand {
        static let configuration = CommandConfiguration(
            commandName: "validate", abstract: "Check whether a mount would be allowed; exit 1 when it is refused.",
            discussion: "The answer says why; the decision is recorded in the audit log.")
        @Argument(help: ArgumentHelp("The host directory (absolute or ~/…).", valueName: "host-path")) var hostPath: String
        @Argument(help: ArgumentHelp("Where it appears under /workspace/extra/ (relative).", valueName: "container-path"))
        var containerPath: String
        @Flag(help: "Ask for read-write (default read-only).") var rw = false
        @Option(help: ArgumentHelp("Decide as for this group (main or not matters for read-write).", valueName: "group"))
        var group: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard hostPath.hasPrefix("/") || hostPath == "~" || hostPath.hasPrefix("~/") else {
                throw ValidationError("HOST_PATH must be absolute (or start with ~/)")
            }
            guard !containerPath.isEmpty else { throw ValidationError("CONTAINER_PATH must not be empty") }
            if let group { try ContainerArgs.group(group) }
        }

        func execute(_ api: API) async throws {
            let body = ContainerWire.MountValidateRequest(hostPath: hostPath, containerPath: containerPath, readOnly: !rw, group: group)
            let (reply, d) = try await api.answer("POST", API.container("/mount/validate"), body: body, as: MountDecision.self)
            if global.json {
                print(reply.text)
            } else if d.allowed {
                print("allowed: \(Format.text(d.canonicalHostPath)) at \(Format.text(d.containerPath)) (\(d.readOnly ? "ro" : "rw"))")
                // Asked for read-write and got read-only: say why.
                if rw && d.readOnly { Terminal.standardError("read-only: \(Format.text(d.message))") }
            }
            if !d.allowed {
                if !global.json { Terminal.standardError("clawctl: refused: \(Format.text(d.message))") }
                throw ExitCode(ExitCodes.failed)
            }
        }
    }
}
