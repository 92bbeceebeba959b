import ClawCore
import ClawStore
import ClawWire
import Hummingbird

/// The ClawHosters dialect `/api/v1/*` (docs/spec/api-hosters.md): every success is `{"data": …}` (lists
/// add `"pagination"`), every error `{"error": {"code", "message", "details"?}}` (see
/// `HostersError`). Route files of this dialect answer only through these helpers.
public enum Hosters {
    /// `{"data": value}` with `status` (200 unless told).
    static func data<T: Codable & Sendable>(_ value: T, status: HTTPResponse.Status = .ok,
                                            headers: HTTPFields = [:]) -> Response {
        JSONResponse.make(status, HostersData(data: value), headers: headers)
    }

    /// `{"data": [items], "pagination": {…}}` for one page.
    static func list<T: Codable & Sendable>(_ items: [T], page: HostersPage, totalCount: Int) -> Response {
        JSONResponse.make(.ok, HostersList(data: items, pagination: page.pagination(totalCount: totalCount)))
    }

    /// `Location` of the operation an action started (none without one).
    static func location(_ op: OperationRecord?) -> HTTPFields {
        guard let op else { return [:] }
        return [.location: "/v1/operations/\(op.id)"]
    }

    /// 204 without a body.
    static func noContent() -> Response { Response(status: .noContent) }
}
