import ClawCore
import ClawStore
import ClawWire

extension HostersAccountDTO {
    init(_ account: HostersAccount) {
        self.init(id: account.org.id, name: account.org.name, email: account.org.email,
                  createdAt: account.org.createdAt.iso8601, balanceCents: account.org.balance.value,
                  apiKeysCount: account.activeKeys)
    }
}
