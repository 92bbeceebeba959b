import ClawSystemd
import Logging
import Metrics
import Prometheus
import Synchronization

/// Process-wide logging and metrics, bootstrapped once.
public enum Observability {
    public static let registry = PrometheusCollectorRegistry()
    private static let done = Mutex(false)

    public static func bootstrap(logLevel: Logger.Level) {
        let first = done.withLock { d in
            defer { d = true }
            return !d
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in ClawLogHandler(label: label, level: logLevel) }
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }
}
