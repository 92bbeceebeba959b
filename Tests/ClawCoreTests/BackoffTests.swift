import ClawCore
import Testing

@Suite("Backoff")
struct BackoffTests {
    @Test("the supervisor waits 1 s doubling, capped at 5 minutes", arguments: [
        (1, 1), (2, 2), (3, 4), (4, 8), (8, 128), (9, 256), (10, 300), (11, 300), (64, 300), (Int.max, 300),
    ])
    func supervisor(attempt: Int, seconds: Int) {
        #expect(Backoff.delay(attempt: attempt) == .seconds(seconds))
    }

    @Test("an attempt below 1 is treated as the first")
    func belowOne() {
        #expect(Backoff.delay(attempt: 0) == .seconds(1))
        #expect(Backoff.delay(attempt: -5) == .seconds(1))
    }

    @Test("provisioning retries after 2 s and 4 s, and the third failure is final")
    func provisioning() {
        #expect(Backoff.provisioningAttempts == 3)
        #expect(Backoff.provisioningDelay(afterAttempt: 1) == .seconds(2))
        #expect(Backoff.provisioningDelay(afterAttempt: 2) == .seconds(4))
        #expect(Backoff.provisioningDelay(afterAttempt: 3) == nil)
        #expect(Backoff.provisioningDelay(afterAttempt: 4) == nil)
    }

    @Test("a failed status or money write is tried again after 100 ms doubling, capped at 5 s", arguments: [
        (1, 100), (2, 200), (3, 400), (4, 800), (5, 1600), (6, 3200), (7, 5000), (0, 100), (Int.max, 5000),
    ])
    func writeRetry(failure: Int, millis: Int) {
        #expect(Backoff.writeRetryDelay(failure: failure) == .milliseconds(millis))
    }

    @Test("platform reconnects: 1 s, 2 s, 4 s … capped at 30 s")
    func reconnect() {
        #expect((1...7).map { Backoff.reconnectDelay(failure: $0) }
                == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)])
        #expect(Backoff.reconnectDelay(failure: 0) == .seconds(1))
        #expect(Backoff.reconnectDelay(failure: 1000) == .seconds(30))
    }

    @Test("reconnect jitter keeps the lower half and scales the upper half", arguments: [
        (1, 0.0, 500), (1, 0.5, 750), (3, 0.0, 2000), (3, 0.25, 2500), (6, 0.0, 15000), (6, 0.999, 29985),
        (9, 2.0, 30000), (9, -1.0, 15000),
    ])
    func reconnectJitter(failure: Int, jitter: Double, millis: Int) {
        #expect(Backoff.reconnectDelay(failure: failure, jitter: jitter) == .milliseconds(millis))
    }

    @Test("random jitter stays within half the ceiling and the ceiling")
    func reconnectRandom() {
        for failure in 1...8 {
            let ceiling = Backoff.reconnectDelay(failure: failure)
            let wait = Backoff.jitteredReconnectDelay(failure: failure)
            #expect(wait >= ceiling / 2 && wait <= ceiling)
        }
    }
}
