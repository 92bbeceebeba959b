import Hummingbird

extension HTTPResponse.Status {
    /// 507: the server cannot store what the request needs (its disk is full); every dialect
    /// answers `ClawError.Code.storageFull` with it.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}
