import AsyncHTTPClient
import Foundation
import NIOCore

extension KubernetesClient {
    public func watch<Object: KubeObject>(_ type: Object.Type, labelSelector: String) -> AsyncThrowingStream<WatchEvent<Object>, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: WatchEvent<Object>.self)
        let task = Task {
            do {
                try await self.runWatch(Object.self, labelSelector: labelSelector, continuation)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// List, then watch from the list's resourceVersion; on the end of a stream or a connection
    /// error watch again from the last resourceVersion seen (after a backoff when it failed or
    /// brought nothing); on 410 Gone list again. Returns when cancelled; throws a refusal that
    /// retrying cannot cure (403, 404, ...).
    func runWatch<Object: KubeObject>(_ type: Object.Type, labelSelector: String,
                                      _ out: AsyncThrowingStream<WatchEvent<Object>, any Error>.Continuation) async throws {
        var resourceVersion: String?
        var failures = 0
        while !Task.isCancelled {
            do {
                if resourceVersion == nil {
                    let list = try await self.list(Object.self, labelSelector: labelSelector)
                    out.yield(.relisted(list.items))
                    resourceVersion = list.metadata.resourceVersion ?? ""
                }
                let delivered = try await streamWatch(Object.self, labelSelector: labelSelector,
                                                      from: resourceVersion ?? "", resourceVersion: &resourceVersion, out)
                failures = delivered ? 0 : failures + 1
            } catch let error as KubeAPIError where error.isGone {
                logger.info("kubernetes watch of \(Object.resource.plural): resourceVersion \(resourceVersion ?? "") is gone, listing again")
                resourceVersion = nil
                continue
            } catch let error as KubeAPIError where !Self.retryable(error) {
                throw error
            } catch {
                if Task.isCancelled { return }
                failures += 1
                logger.info("kubernetes watch of \(Object.resource.plural) failed (\(String(describing: error))), resuming from \(resourceVersion ?? "a list")")
            }
            if failures > 0 {
                do { try await Task.sleep(for: backoff.delay(afterFailures: failures)) } catch { return }
            }
        }
    }

    /// Server faults, throttling and timeouts are worth another try; other refusals are not.
    static func retryable(_ error: KubeAPIError) -> Bool {
        error.code >= 500 || error.code == 429 || error.code == 408 || error.code == 410 || error.code == 200
    }

    /// One watch request, until its stream ends. Answers whether it delivered anything (an event
    /// or a bookmark). `resourceVersion` follows every event; an `ERROR` event throws its Status.
    func streamWatch<Object: KubeObject>(_ type: Object.Type, labelSelector: String, from start: String,
                                         resourceVersion: inout String?,
                                         _ out: AsyncThrowingStream<WatchEvent<Object>, any Error>.Continuation) async throws -> Bool {
        var query = [("watch", "1"), ("resourceVersion", start), ("allowWatchBookmarks", "true")]
        if !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
        let request = try makeRequest(.GET, Object.resource.collectionPath(namespace: namespace), query: query)
        let response = try await http.execute(request, timeout: requestTimeout, logger: logger)
        guard response.status.code == 200 else {
            throw Self.apiError(status: response.status, body: try await response.body.collect(upTo: 1 << 20))
        }
        var delivered = false
        var pending = ByteBuffer()
        for try await chunk in response.body {
            var chunk = chunk
            pending.writeBuffer(&chunk)
            while let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = newline - pending.readerIndex
                guard let line = pending.readSlice(length: length) else { break }
                pending.moveReaderIndex(forwardBy: 1)
                if line.readableBytes == 0 { continue }
                if let rv = try handleLine(line, Object.self, out) { resourceVersion = rv }
                delivered = true
            }
            pending.discardReadBytes()
            guard pending.readableBytes <= Self.maxBody else {
                throw KubeAPIError(code: 200, reason: "UndecodableAnswer", message: "watch event longer than \(Self.maxBody) bytes")
            }
        }
        return delivered
    }

    /// Hands one event to the consumer; answers the resourceVersion it carries.
    func handleLine<Object: KubeObject>(_ line: ByteBuffer, _ type: Object.Type,
                                        _ out: AsyncThrowingStream<WatchEvent<Object>, any Error>.Continuation) throws -> String? {
        let kind = try decode(WatchEventType.self, line, "watch event of \(Object.resource.plural)").type
        switch kind {
        case "ADDED", "MODIFIED", "DELETED":
            let object = try decode(WatchEventLine<Object>.self, line, "\(kind) event of \(Object.resource.plural)").object
            out.yield(kind == "ADDED" ? .added(object) : kind == "MODIFIED" ? .modified(object) : .deleted(object))
            return object.metadata.resourceVersion
        case "BOOKMARK":
            return try decode(WatchEventLine<BookmarkObject>.self, line, "bookmark of \(Object.resource.plural)").object.metadata.resourceVersion
        case "ERROR":
            let status = try decode(WatchEventLine<KubeStatus>.self, line, "error event of \(Object.resource.plural)").object
            throw status.error(httpStatus: 500)
        default:
            logger.debug("kubernetes watch of \(Object.resource.plural): ignoring event type \(kind)")
            return nil
        }
    }
}
