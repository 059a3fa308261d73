import Entities
import Export
import Foundation
import LoupeCore

/// The corpus step of a distributed run (`loupe stream --link`): the corpus's name forms and acronym
/// definitions in, its entities out, by ``CorpusLinker``'s rules — the same call a local `analyze`
/// makes on a full relink, so a cluster and a laptop link names alike.
///
/// Input, one JSON object a line, aggregated over the whole corpus from the stream records:
/// - a name form: `{"key":"union africaine","type":"ORG","text":"Union africaine","count":5}` (the
///   mentions with that key, type and text);
/// - an acronym definition: `{"acronym":"ua","expansion_key":"union africaine","documents":2}` (the
///   documents that give it).
///
/// Output, one entity a line in canonical-key order:
/// `{"key":"union africaine","entity":"Union africaine","type":"ORG","mentions":9,"aliases":"UA","keys":["ua","union africaine"]}`
/// (`aliases` joined by `; ` as in the `entities` table; `keys`: the mention keys linked to it).
/// An entity's `documents` and `sentiment` are counted over its mentions by the caller.
public enum NameLinking {
    /// Links the forms and definitions read from `lines`; a line that is neither is an error naming it.
    public static func link(lines: () -> [UInt8]?, write: (String) -> Void) throws {
        var forms: [NameForm] = []
        var definitions: [(acronym: String, expansionKey: String, documents: Int)] = []
        var number = 0
        while let bytes = lines() {
            number += 1
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw StreamError("line \(number): not a JSON object")
            }
            if let key = object["key"] as? String, let type = object["type"] as? String, let text = object["text"] as? String,
               let count = (object["count"] as? NSNumber)?.intValue, let entityType = EntityType(rawValue: type) {
                forms.append(NameForm(key: key, type: entityType, text: text, count: count))
            } else if let acronym = object["acronym"] as? String, let expansion = object["expansion_key"] as? String,
                      let documents = (object["documents"] as? NSNumber)?.intValue {
                definitions.append((acronym, expansion, documents))
            } else {
                throw StreamError("line \(number): neither a name form {\"key\",\"type\",\"text\",\"count\"} nor an acronym definition {\"acronym\",\"expansion_key\",\"documents\"}")
            }
        }
        for e in CorpusLinker.link(forms, definitions: definitions) {
            write("{\"key\":" + Exporter.jsonString(e.canonicalKey) + ",\"entity\":" + Exporter.jsonString(e.name)
                  + ",\"type\":\"\(e.type.rawValue)\",\"mentions\":\(e.mentions),\"aliases\":" + Exporter.jsonString(e.aliases.joined(separator: "; "))
                  + ",\"keys\":[" + e.keys.map(Exporter.jsonString).joined(separator: ",") + "]}")
        }
    }
}
