import ClawAPI

extension Settings {
    /// The per-key limiter of every dialect; nil when `rate_limit_requests` is 0.
    public var rateLimiter: RateLimiter? {
        rateLimitRequests > 0 ? RateLimiter(limit: rateLimitRequests, windowSeconds: rateLimitWindowSeconds) : nil
    }
}
