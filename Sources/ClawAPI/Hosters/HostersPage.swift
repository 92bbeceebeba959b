import ClawCore
import ClawWire
import Hummingbird

/// `?page=` (from 1) and `?per_page=` (default 25; above 100 is served as 100) of a list request.
/// A page that is not a whole number from 1, or a per_page below 1, is a validation error.
struct HostersPage: Sendable, Equatable {
    static let defaultPerPage = 25
    static let maxPerPage = 100

    var page: Int
    var perPage: Int

    init(page: Int = 1, perPage: Int = HostersPage.defaultPerPage) {
        self.page = page
        self.perPage = perPage
    }

    /// Reads the two query parameters of `request`.
    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        self.init(page: try Self.number(query.get("page"), name: "page") ?? 1,
                  perPage: min(try Self.number(query.get("per_page"), name: "per_page") ?? Self.defaultPerPage, Self.maxPerPage))
    }

    /// Rows to skip; saturates instead of overflowing for absurd pages (past the end is an empty page).
    var offset: Int {
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        return overflow ? Int.max / 2 : product
    }

    func pagination(totalCount: Int) -> HostersPagination {
        HostersPagination(currentPage: page, totalPages: (totalCount + perPage - 1) / perPage, totalCount: totalCount,
                          perPage: perPage)
    }

    static func number(_ text: String?, name: String) throws -> Int? {
        guard let text else { return nil }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), n >= 1 else {
            throw HostersError.validation(name, "must be a whole number from 1")
        }
        return n
    }
}
