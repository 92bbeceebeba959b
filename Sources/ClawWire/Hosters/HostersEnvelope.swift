/// The ClawHosters success envelopes (docs/spec/api-hosters.md): `{"data": …}`, and for lists
/// `{"data": [...], "pagination": {…}}`.
public struct HostersData<T: Codable & Sendable>: Codable, Sendable {
    public var data: T
    public init(data: T) { self.data = data }
}

extension HostersData: Equatable where T: Equatable {}

public struct HostersList<T: Codable & Sendable>: Codable, Sendable {
    public var data: [T]
    public var pagination: HostersPagination
    public init(data: [T], pagination: HostersPagination) {
        self.data = data
        self.pagination = pagination
    }
}

extension HostersList: Equatable where T: Equatable {}

/// The `pagination` object of a list answer.
public struct HostersPagination: Codable, Sendable, Equatable {
    public var currentPage: Int
    public var totalPages: Int
    public var totalCount: Int
    public var perPage: Int

    public init(currentPage: Int, totalPages: Int, totalCount: Int, perPage: Int) {
        self.currentPage = currentPage
        self.totalPages = totalPages
        self.totalCount = totalCount
        self.perPage = perPage
    }

    enum CodingKeys: String, CodingKey {
        case currentPage = "current_page", totalPages = "total_pages", totalCount = "total_count", perPage = "per_page"
    }
}

/// The ClawHosters error envelope `{"error": {"code", "message", "details"?}}`; `details` maps a
/// field to its problem on validation failures.
public struct HostersErrorEnvelope: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
        public var details: [String: String]?
        public init(code: String, message: String, details: [String: String]?) {
            self.code = code
            self.message = message
            self.details = details
        }
    }

    public var error: Detail
    public init(error: Detail) { self.error = error }
}
