/// What a resuming watch hands its consumer.
public enum WatchEvent<Object: KubeObject>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// The watch (re)started from a full list: these are every object that matches now. The
    /// consumer replaces what it knows (objects missing here were deleted while unwatched).
    case relisted([Object])
}
