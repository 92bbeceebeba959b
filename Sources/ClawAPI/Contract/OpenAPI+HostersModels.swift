import ClawCore
import ClawWire

extension OpenAPI {
    static let hostersModels: [String: Models] = [
        "GET /api/v1/health": Models(ok(HostersData<ClawHealthDTO>.self)),
        "GET /api/v1/account": Models(ok(HostersData<HostersAccountDTO>.self)),
        "GET /api/v1/instances": Models(ok(HostersList<HostersInstanceDTO>.self)),
        "GET /api/v1/instances/{id}": Models(ok(HostersData<HostersInstanceDTO>.self)),
        "POST /api/v1/instances/{id}/start": Models(request: EmptyRequest.self, ok(HostersData<HostersActionDTO>.self),
                    answerHeaders: ["Location": true]),
        "POST /api/v1/instances/{id}/stop": Models(request: EmptyRequest.self, ok(HostersData<HostersActionDTO>.self),
                    answerHeaders: ["Location": true]),
        "POST /api/v1/instances/{id}/restart": Models(request: EmptyRequest.self, ok(HostersData<HostersActionDTO>.self),
                    answerHeaders: ["Location": true]),
        "DELETE /api/v1/instances/{id}": Models(request: EmptyRequest.self, ok(HostersData<HostersActionDTO>.self),
                    answerHeaders: ["Location": true]),
        "GET /api/v1/billing/summary": Models(ok(HostersData<HostersSummaryDTO>.self)),
        "GET /api/v1/billing/usage": Models(ok(HostersData<HostersUsageDTO>.self)),
        "GET /api/v1/billing/transactions": Models(ok(HostersList<HostersTransactionDTO>.self)),
        "GET /api/v1/billing/packages": Models(ok(HostersData<[HostersPackageDTO]>.self)),
        "POST /api/v1/billing/buy_claws": Models(request: HostersBuyClawsRequest.self,
                                                 status("201", HostersData<HostersPurchaseDTO>.self)),
        "GET /api/v1/backups": Models(ok(HostersList<HostersBackupDTO>.self)),
        "GET /api/v1/backups/{id}": Models(ok(HostersData<HostersBackupDTO>.self)),
        "POST /api/v1/backups/{id}/restore": Models(request: EmptyRequest.self, status("202", HostersData<HostersBackupDTO>.self),
                                                    answerHeaders: ["Location": true]),
        "GET /api/v1/instances/{id}/backups": Models(ok(HostersList<HostersBackupDTO>.self)),
        "POST /api/v1/instances/{id}/backups": Models(request: EmptyRequest.self,
                                                      status("201", HostersData<HostersBackupDTO>.self),
                                                      answerHeaders: ["Location": true]),
        "GET /api/v1/addons": Models(ok(HostersList<HostersAddonDTO>.self)),
        "GET /api/v1/addons/{id}": Models(ok(HostersData<HostersAddonDTO>.self)),
        "PATCH /api/v1/addons/{id}": Models(request: HostersAddonPatch.self, ok(HostersData<HostersAddonDTO>.self)),
    ]
}
