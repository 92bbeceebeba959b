@testable import ClawAPI
import ClawTestSupport
import ClawWire
import Foundation
import Testing

@Suite("Contract: /openapi.json from the route table and the wire models")
struct ContractDocumentTests {
    var document: ContractDocument { get throws { try ContractDocument(try OpenAPI.build()) } }

    @Test("the recorder walks every request and answer model of the table")
    func everyModelWalks() {
        var failures: [String] = []
        for (key, models) in OpenAPI.models.sorted(by: { $0.key < $1.key }) {
            var types = models.requests
            for body in models.responses.values { if case .json(let t) = body { types.append(t) } }
            for type in types {
                do { _ = try SchemaRecorder().schema(for: type) } catch { failures.append("\(key) \(type): \(error)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("every route of the table has models, and the document builds from them")
    func everyRouteHasModels() throws {
        let routes = Set(OpenAPI.routes.map { "\($0.method) \($0.path)" })
        #expect(Set(OpenAPI.models.keys) == routes)
        let json = try Wire.decode(JSONValue.self, from: try OpenAPI.build())
        let paths = try #require(json["paths"]?.object)
        for route in OpenAPI.routes {
            let op = try #require(paths[route.path]?[route.method.lowercased()], "\(route.method) \(route.path)")
            let responses = try #require(op["responses"]?.object)
            #expect(responses[route.success] != nil, "\(route.method) \(route.path) documents its \(route.success)")
            #expect(responses["500"]?["content"]?["application/json"]?["schema"] != nil)
            #expect((op["x-clawd-listener"]?.string == "unix-socket") == route.socketOnly)
        }
    }

    @Test("the value each answer model's walk produced, encoded, conforms to the schema derived from it")
    func samplesConform() throws {
        let document = try self.document
        let recorder = SchemaRecorder()
        var checked = 0
        for route in OpenAPI.routes {
            let models = try #require(OpenAPI.models["\(route.method) \(route.path)"])
            for (status, body) in models.responses {
                guard case .json(let type) = body else { continue }
                let (_, sample) = try recorder.schemaAndSample(for: type)
                let value = try #require(sample as? any Encodable, "\(type) is not Encodable")
                let problems = document.problems(method: route.method, path: route.path, status: Int(status)!,
                                                 contentType: "application/json", body: try Wire.encode(value))
                #expect(problems.isEmpty, "\(problems)")
                checked += 1
            }
        }
        #expect(checked > 90)
    }

    @Test("each dialect's error envelope conforms on its paths, and not on another dialect's")
    func errorEnvelopes() throws {
        let document = try self.document
        let claw = try Wire.encode(ClawErrorEnvelope(error: .init(message: "m", type: "not_found", code: "not_found", param: nil)))
        let hosters = try Wire.encode(HostersErrorEnvelope(error: .init(code: "not_found", message: "m", details: nil)))
        let container = try Wire.encode(ContainerError.Body(error: "m", code: "not_found", param: nil))
        func check(_ path: String, _ body: Data) -> [String] {
            document.problems(method: "GET", path: path, status: 404, contentType: "application/json; charset=utf-8", body: body)
        }
        #expect(check("/v1/claw/instances/x", claw).isEmpty)
        #expect(check("/api/v1/instances/1", hosters).isEmpty)
        #expect(check("/api/v1/container/runs/x", container).isEmpty)
        #expect(!check("/v1/claw/instances/x", hosters).isEmpty)
        #expect(!check("/api/v1/instances/1", container).isEmpty)
        #expect(!check("/api/v1/container/runs/x", claw).isEmpty)
    }

    @Test("an answer with a missing field, a wrong type, an extra status or a wrong media type is refused")
    func validatorRefuses() throws {
        let document = try self.document
        let op = try Wire.encode(OperationDTO.sampleForContract)
        func check(_ status: Int, _ type: String, _ body: Data) -> [String] {
            document.problems(method: "GET", path: "/v1/operations/op_1", status: status, contentType: type, body: body)
        }
        #expect(check(200, "application/json", op).isEmpty)
        var object = try Wire.decode(JSONValue.self, from: op).object!
        object.removeValue(forKey: "id")
        #expect(check(200, "application/json", try Wire.encode(JSONValue.object(object))).contains { $0.contains("'id' is required") })
        object["id"] = .int(3)
        #expect(!check(200, "application/json", try Wire.encode(JSONValue.object(object))).isEmpty)
        #expect(check(299, "application/json", op).contains { $0.contains("not documented") })
        #expect(!check(200, "text/plain", op).isEmpty)
        #expect(document.problems(method: "GET", path: "/v1/claw/nothing", status: 404, contentType: nil, body: Data()).isEmpty)
        let restore = try Wire.encode(HostersData(data: try SchemaRecorder().schemaAndSample(for: HostersBackupDTO.self).1
            as! HostersBackupDTO))
        #expect(document.problems(method: "POST", path: "/api/v1/backups/1/restore", status: 202, contentType: "application/json",
                                  body: restore, header: { $0 != "Location" }) .contains { $0.contains("Location is missing") })
        #expect(document.problems(method: "POST", path: "/api/v1/backups/1/restore", status: 202, contentType: "application/json",
                                  body: restore, header: { _ in true }).isEmpty)
    }

    @Test("request bodies that refuse unknown fields say so; SSE and logs are described as streams")
    func requestsAndStreams() throws {
        let json = try Wire.decode(JSONValue.self, from: try OpenAPI.build())
        let schemas = try #require(json["components"]?["schemas"])
        #expect(schemas["CreateInstanceRequest"]?["additionalProperties"] == .bool(false))
        #expect(schemas["CreateInstanceRequest"]?["required"] == ["subdomain"])
        #expect(schemas["ClawInstanceDTO"]?["properties"]?["defaultModel"]?["type"] == ["string", "null"])
        let events = json["paths"]?["/v1/events"]?["get"]?["responses"]?["200"]?["content"]?.object
        #expect(events?.keys.sorted() == ["text/event-stream"])
        let logs = json["paths"]?["/v1/claw/instances/{id}/logs"]?["get"]?["responses"]?["200"]?["content"]?.object
        #expect(logs?.keys.sorted() == ["text/plain"])
    }
}

extension OperationDTO {
    static var sampleForContract: OperationDTO {
        get throws {
            let recorder = SchemaRecorder()
            return try recorder.schemaAndSample(for: OperationDTO.self).1 as! OperationDTO
        }
    }
}

@Suite("Contract: links and operation ids")
struct ContractLinkTests {
    @Test("operation ids are unique; every link names a documented operation, its path parameters and an answer field")
    func links() throws {
        let ids = OpenAPI.routes.map { OpenAPI.operationID($0.method, $0.path) }
        #expect(Set(ids).count == ids.count)
        let json = try Wire.decode(JSONValue.self, from: try OpenAPI.build())
        let schemas = try #require(json["components"]?["schemas"]?.object)
        var count = 0
        for (key, models) in OpenAPI.models {
            for (name, link) in models.links {
                let target = try #require(OpenAPI.routes.first { "\($0.method) \($0.path)" == link.route }, "\(key) → \(name)")
                for (parameter, expression) in link.parameters {
                    #expect(target.path.contains("{\(parameter)}"), "\(link.route) has no {\(parameter)}")
                    let field = String(expression.split(separator: "/").last ?? "")
                    let answers = models.responses.values.compactMap { body -> String? in
                        if case .json(let type) = body { return SchemaRecorder.componentName(type) } else { return nil }
                    }
                    #expect(answers.contains { schemas[$0]?["properties"]?[field] != nil }, "\(key) answers no '\(field)'")
                }
                count += 1
            }
        }
        #expect(count >= 10)
    }
}
