/// The version clawd reports in `/admin/status`, `clawd version` and `clawctl status`.
public enum ClawVersion {
    public static let current = "0.1.0"
}
