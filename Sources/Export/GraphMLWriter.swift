import Foundation
import GRDB
import Storage

/// Writes the entity co-occurrence network as GraphML, which Gephi, networkx (`read_graphml`),
/// igraph and yEd open: one node per canonical entity (attributes `label`, `type`, `mentions`,
/// `documents`), one undirected edge per pair met in the same documents (`weight` = documents,
/// `sentences` = sentences shared).
struct GraphMLWriter {
    let store: Store

    /// Writes the graph and returns the number of edges.
    func write(_ options: ExportOptions, to stream: FileHandleOutputStream) throws -> Int {
        let types = options.types.map { $0.uppercased() }
        let (condition, args) = options.filter.sql(alias: "d")
        var edges = 0
        try store.read { db in
            stream.write("""
                <?xml version="1.0" encoding="UTF-8"?>
                <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
                  <key id="label" for="node" attr.name="label" attr.type="string"/>
                  <key id="type" for="node" attr.name="type" attr.type="string"/>
                  <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>
                  <key id="documents" for="node" attr.name="documents" attr.type="int"/>
                  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
                  <key id="sentences" for="edge" attr.name="sentences" attr.type="int"/>
                  <graph id="cooccurrences" edgedefault="undirected">

                """)
            var ids: [String: String] = [:]
            let nodes = try Row.fetchAll(db, sql: """
                SELECT e.name, e.type, COUNT(*) AS n, COUNT(DISTINCT m.document_id) AS docs
                FROM mention m JOIN document d ON d.id = m.document_id JOIN entity_key k ON k.key = m.key JOIN entity e ON e.id = k.entity_id
                WHERE \(condition) GROUP BY e.id ORDER BY n DESC, e.name
                """, arguments: args)
            for row in nodes {
                let name: String = row["name"], type: String = row["type"]
                if !types.isEmpty && !types.contains(type) { continue }
                if ids[name] != nil { continue }
                let id = "n\(ids.count)"
                ids[name] = id
                stream.write("    <node id=\"\(id)\"><data key=\"label\">\(Self.escape(name))</data><data key=\"type\">\(type)</data>"
                             + "<data key=\"mentions\">\(row["n"] as Int)</data><data key=\"documents\">\(row["docs"] as Int)</data></node>\n")
            }
            let (sql, edgeArgs) = Store.cooccurrenceSQL(options.filter)
            let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY 3 DESC, 4 DESC, 1, 2", arguments: edgeArgs)
            while let row = try rows.next() {
                guard let a = ids[row["entity_a"]], let b = ids[row["entity_b"]] else { continue }
                stream.write("    <edge id=\"e\(edges)\" source=\"\(a)\" target=\"\(b)\"><data key=\"weight\">\(row["documents"] as Int)</data>"
                             + "<data key=\"sentences\">\(row["sentences"] as Int)</data></edge>\n")
                edges += 1
            }
            stream.write("  </graph>\n</graphml>\n")
        }
        return edges
    }

    /// XML text escaping, shared with the HTML report.
    static func escape(_ s: String) -> String { HTMLReport.escape(s) }
}
