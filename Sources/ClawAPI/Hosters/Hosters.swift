import ClawCore
import Hummingbird

/// The ClawHosters dialect `/api/v1/*` (api-hosters.md): every success is `{"data": …}` (lists
/// add `"pagination"`), every error `{"error": {"code", "message", "details"?}}` (see
/// `HostersError`). Route files of this dialect answer only through these helpers.
public enum Hosters {
    /// `{"data": value}` with `status` (200 unless told).
    static func data(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        JSONResponse.make(status, DataEnvelope(data: value), headers: headers)
    }

    /// `{"data": [items], "pagination": {…}}` for one page.
    static func list<T: Encodable>(_ items: [T], page: HostersPage, totalCount: Int) -> Response {
        JSONResponse.make(.ok, ListEnvelope(data: items, pagination: page.pagination(totalCount: totalCount)))
    }

    /// 204 without a body.
    static func noContent() -> Response { Response(status: .noContent) }

    struct DataEnvelope<T: Encodable>: Encodable { var data: T }

    struct ListEnvelope<T: Encodable>: Encodable {
        var data: [T]
        var pagination: HostersPagination
    }
}

/// The `pagination` object of a list answer.
struct HostersPagination: Encodable, Equatable {
    var currentPage: Int
    var totalPages: Int
    var totalCount: Int
    var perPage: Int

    enum CodingKeys: String, CodingKey {
        case currentPage = "current_page", totalPages = "total_pages", totalCount = "total_count", perPage = "per_page"
    }
}
