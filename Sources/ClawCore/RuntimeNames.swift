/// Names and labels of the runtime objects clawd owns. Every label a caller reads or writes is
/// one of these constants, so a renamed label cannot leave a reader behind.
public enum RuntimeNames {
    /// The install an instance's container, volume or helper belongs to.
    public static let installLabel = "io.clawd.install"
    /// The instance a container, volume or helper belongs to.
    public static let instanceLabel = "io.clawd.instance"
    /// The generation of an instance's container (a rebuild bumps it).
    public static let generationLabel = "io.clawd.generation"

    /// The install an agent-run container belongs to.
    public static let agentInstallLabel = "io.clawd.agent-install"
    /// The group an agent-run container works for.
    public static let agentGroupLabel = "io.clawd.agent-group"
    /// The run an agent-run container carries out.
    public static let agentRunLabel = "io.clawd.agent-run"

    /// The org an instance network belongs to.
    public static let orgLabel = "io.clawd.org"
    /// What a network is for: `org` (one org's instances) or `agents` (agent runs).
    public static let networkRoleLabel = "io.clawd.network"

    /// Marks an object a test created.
    public static let testLabel = "io.clawd.test"
    /// The test fixture that created an object (one value per fixture).
    public static let testRunLabel = "io.clawd.test-run"

    /// The labels `create` compares before adopting an existing container of the same name.
    public static let adoptionLabels = [instanceLabel, generationLabel]

    public static func container(_ instanceID: String) -> String { "clawd-\(instanceID)" }
    public static func volume(_ instanceID: String) -> String { "clawd-\(instanceID)-data" }
    /// The network one org's instance containers join.
    public static func orgNetwork(_ orgID: String) -> String { "clawd-org-\(orgID)" }
    /// The network agent-run containers join (its gateway is where the credential proxy listens).
    public static let agentsNetwork = "clawd-agents"
}
