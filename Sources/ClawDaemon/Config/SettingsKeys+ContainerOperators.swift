import ClawCore
import Foundation

extension SettingsKey {
    /// `container_operator_orgs`: comma-separated org ids (`org_…`), empty by default.
    static let containerOperatorKeys: [SettingsKey] = [
        .init(name: "container_operator_orgs") { s, v throws(SettingsProblem) in s.containerOperatorOrgs = try SettingsParse.orgIDs(v) },
    ]
}

extension SettingsParse {
    /// A comma-separated list of org ids; blanks around commas ignored, empty means none.
    static func orgIDs(_ v: String) throws(SettingsProblem) -> [String] {
        var ids: [String] = []
        for part in v.split(separator: ",", omittingEmptySubsequences: false) {
            let id = part.trimmingCharacters(in: .whitespaces)
            if id.isEmpty, v.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard (1...64).contains(id.utf8.count), !id.hasPrefix("-"),
                  id.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                      || $0 == "_" || $0 == "-" })
            else { throw SettingsProblem("'\(id)' is not an org id (1-64 of [A-Za-z0-9_-], like org_1a2b…)") }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}
