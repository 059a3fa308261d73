import Entities
import LoupeCore
import Storage

/// Keeps the corpus entities of a store up to date with its mentions, with ``CorpusLinker``'s rules.
///
/// After a run that added or replaced a few documents, only the entities those documents' names can
/// change are rebuilt: the entities of their keys, of the acronyms expanding to them and of the short
/// person names their full names end with. The result is the one a full relink gives (a test checks
/// it); a store with no entities yet, or entities made by a Loupe before `v6-entity-keys`, is relinked
/// in full.
public enum CorpusLinking {
    /// Rebuilds every entity from every stored mention.
    public static func relinkAll(in store: Store) throws {
        try store.updateEntities { rows in try relinkAll(rows) }
    }

    /// Rebuilds the entities that the documents stored or replaced since the last linking can change
    /// (their names wait in `link_pending`, written with the documents).
    public static func relink(in store: Store) throws {
        try store.updateEntities { rows in
            if try rows.needsFullRelink() { return try relinkAll(rows) }
            let pending = try rows.pendingNames()
            if pending.isEmpty { return }
            try relink(rows, pending)
            try rows.clearPending()
        }
    }

    private static func relinkAll(_ rows: EntityRows) throws {
        let forms = try rows.nameForms()
        try rows.replaceAll(with: CorpusLinker.link(forms, definitions: try rows.acronymDefinitions()), keyTypes: KeyTypes.byKey(forms))
        try rows.clearPending()
    }

    private static func relink(_ rows: EntityRows, _ changed: Set<String>) throws {
        // Keys whose counts or acronym definitions changed, and every key whose canonical key depends on them.
        var revisit = changed.union(try rows.acronyms(expandingTo: Array(changed)))
        for key in changed { if let last = NameForm.lastWord(ofKey: key) { revisit.insert(last) } }
        let keys = revisit.sorted()

        var forms = Dictionary(grouping: try rows.nameForms(keys: keys), by: \.key)
        let expansions = CorpusLinker.bestExpansions(try rows.acronymDefinitions(acronyms: keys))
        let unseenExpansions = Set(expansions.values).subtracting(forms.keys)
        for f in try rows.nameForms(keys: unseenExpansions.sorted()) { forms[f.key, default: []].append(f) }
        var types = KeyTypes.byKey(forms.values.flatMap { $0 })
        // Full person names by last word: the stored ones, less those whose counts changed, plus those as they are now.
        let singleWords = keys.filter { !$0.contains(" ") }
        var fullNames = try rows.personKeys(endingWith: singleWords).mapValues { $0.subtracting(changed) }
        for key in changed where types[key]?.majority == .PER {
            if let last = NameForm.lastWord(ofKey: key) { fullNames[last, default: []].insert(key) }
        }
        let facts = CorpusLinker.Facts(types: { types[$0] }, expansion: { expansions[$0] }, fullNames: { fullNames[$0] ?? [] })

        let before = try rows.canonicalKeys(of: keys)
        var after: [String: String] = [:]
        for key in keys where types[key] != nil { after[key] = CorpusLinker.canonical(key, facts) }
        let groups = Set(before.values.compactMap { $0 }).union(after.values).sorted()
        // A group keeps the keys it had that need no revisit, and gains the revisited keys now counted under it.
        var members: [String: Set<String>] = [:]
        for (canonical, stored) in try rows.keys(linkedTo: groups) {
            members[canonical, default: []].formUnion(stored.filter { !revisit.contains($0) })
        }
        for (key, canonical) in after { members[canonical, default: []].insert(key) }
        let unread = Set(members.values.flatMap { $0 }).subtracting(forms.keys)
        for f in try rows.nameForms(keys: unread.sorted()) { forms[f.key, default: []].append(f) }
        types = KeyTypes.byKey(forms.values.flatMap { $0 })

        var entities: [CorpusEntity] = []
        var removed: [String] = []
        for canonical in groups {
            let keys = members[canonical, default: []].sorted()
            let groupForms = keys.flatMap { forms[$0] ?? [] }
            if groupForms.isEmpty { removed.append(canonical) } else { entities.append(CorpusLinker.entity(canonical, forms: groupForms)) }
        }
        let orphans = before.keys.filter { after[$0] == nil }.sorted()
        try rows.update(writing: entities, removing: removed, orphanKeys: orphans, keyTypes: types)
    }
}
