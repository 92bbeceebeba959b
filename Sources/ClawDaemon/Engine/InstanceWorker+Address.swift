import ClawCore

extension InstanceWorker {
    /// Keeps the stored runtime address in step with what the worker observed when it converged:
    /// the running container's address, otherwise none. The API reads it from the row, so a GET
    /// never inspects the runtime.
    func recordAddress(_ observation: Observation) async {
        let address = observation.container?.state == .running ? observation.container?.address : nil
        do {
            try await engine.store.setRuntimeAddress(instanceID: id, address: address)
        } catch {
            engine.logger.warning("cannot record the runtime address", metadata: ["instance": "\(id)", "error": "\(error)"])
        }
    }
}
