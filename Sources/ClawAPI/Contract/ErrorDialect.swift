import ClawWire

/// Which error envelope a path answers with, and the statuses that dialect's errors use.
enum ErrorDialect: CaseIterable {
    case claw, hosters, container

    init(path: String) {
        switch Dialect.of(path: path) {
        case .claw: self = .claw
        case .hosters: self = .hosters
        case .container: self = .container
        }
    }

    var envelope: any Decodable.Type {
        switch self {
        case .claw: ClawErrorEnvelope.self
        case .hosters: HostersErrorEnvelope.self
        case .container: ContainerError.Body.self
        }
    }

    var statuses: [String] {
        switch self {
        case .claw: ["400", "401", "402", "403", "404", "405", "408", "409", "413", "429", "500", "503", "507"]
        case .hosters: ["401", "403", "404", "405", "408", "413", "422", "429", "500", "503", "507"]
        case .container: ["400", "401", "403", "404", "405", "409", "413", "422", "429", "500", "501", "503", "507"]
        }
    }
}
