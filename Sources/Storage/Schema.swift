import GRDB

/// The database schema, as named migrations that are only ever appended.
///
/// Tables hold the analysis (`document`, `sentence`, `document_tokens`, `mention`, `acronym`, `keyword`,
/// `keyphrase`, `sentiment_cue`) and the corpus-level entities (`entity`, `entity_key`); views named
/// after the export tables (`documents`, `sentences`, `tokens`, `mentions`, `entities`, `keywords`,
/// `keyphrases`, `cooccurrences`) give the exported columns, so `sqlite3`, R or pandas can query them directly.
/// Offsets (`start`, `end`) are Unicode scalar offsets into `document.text`, so
/// `substr(text, start + 1, end - start)` in SQLite gives back the annotated characters.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-corpus") { db in
            try db.execute(sql: """
                CREATE TABLE document (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    title TEXT, date TEXT, source TEXT, url TEXT,
                    text TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    characters INTEGER NOT NULL,
                    words INTEGER NOT NULL,
                    sentences INTEGER NOT NULL,
                    sentiment REAL NOT NULL,
                    subjectivity REAL NOT NULL,
                    analyzed_at TEXT NOT NULL
                );
                CREATE TABLE sentence (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                    first_token INTEGER NOT NULL, last_token INTEGER NOT NULL,
                    boilerplate INTEGER NOT NULL,
                    sentiment REAL NOT NULL, subjectivity REAL NOT NULL,
                    PRIMARY KEY (document_id, idx)
                ) WITHOUT ROWID;
                CREATE TABLE token (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    sentence INTEGER NOT NULL,
                    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                    text TEXT NOT NULL, lemma TEXT NOT NULL,
                    stopword INTEGER NOT NULL, kind TEXT NOT NULL,
                    PRIMARY KEY (document_id, idx)
                ) WITHOUT ROWID;
                CREATE TABLE mention (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                    text TEXT NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL,
                    sentence INTEGER NOT NULL,
                    PRIMARY KEY (document_id, idx)
                ) WITHOUT ROWID;
                CREATE INDEX mention_key ON mention(key);
                CREATE TABLE acronym (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    acronym TEXT NOT NULL, expansion_key TEXT NOT NULL,
                    PRIMARY KEY (document_id, acronym)
                ) WITHOUT ROWID;
                CREATE TABLE keyword (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    term TEXT NOT NULL, count INTEGER NOT NULL,
                    PRIMARY KEY (document_id, term)
                ) WITHOUT ROWID;
                CREATE INDEX keyword_term ON keyword(term);
                CREATE TABLE keyphrase (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    rank INTEGER NOT NULL, phrase TEXT NOT NULL, score REAL NOT NULL,
                    PRIMARY KEY (document_id, rank)
                ) WITHOUT ROWID;
                CREATE TABLE sentiment_cue (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    sentence INTEGER NOT NULL, token INTEGER NOT NULL, weight REAL NOT NULL,
                    PRIMARY KEY (document_id, sentence, token)
                ) WITHOUT ROWID;
                -- Corpus-level entities, rebuilt by the linker after each analysis.
                CREATE TABLE entity (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL, type TEXT NOT NULL,
                    mentions INTEGER NOT NULL, documents INTEGER NOT NULL,
                    sentiment REAL, aliases TEXT NOT NULL
                );
                CREATE TABLE entity_key (
                    key TEXT PRIMARY KEY,
                    entity_id INTEGER NOT NULL REFERENCES entity(id)
                ) WITHOUT ROWID;

                CREATE VIEW documents AS
                    SELECT name AS document, title, date, source, characters, words, sentences, sentiment, subjectivity, url
                    FROM document ORDER BY id;
                CREATE VIEW sentences AS
                    SELECT d.name AS document, s.idx AS "index", s.start, s."end", s.sentiment,
                           substr(d.text, s.start + 1, s."end" - s.start) AS text, s.boilerplate, s.subjectivity
                    FROM sentence s JOIN document d ON d.id = s.document_id ORDER BY d.id, s.idx;
                CREATE VIEW tokens AS
                    SELECT d.name AS document, t.sentence, t.start, t."end", t.text, t.lemma, t.stopword, t.kind
                    FROM token t JOIN document d ON d.id = t.document_id ORDER BY d.id, t.idx;
                CREATE VIEW mentions AS
                    SELECT d.name AS document, m.start, m."end", m.text, m.type, e.name AS entity, m.sentence
                    FROM mention m JOIN document d ON d.id = m.document_id
                    LEFT JOIN entity_key k ON k.key = m.key LEFT JOIN entity e ON e.id = k.entity_id
                    ORDER BY d.id, m.idx;
                CREATE VIEW entities AS
                    SELECT name AS entity, type, mentions, documents, sentiment, aliases
                    FROM entity ORDER BY mentions DESC, documents DESC, name;
                CREATE VIEW keywords AS
                    SELECT d.name AS document, k.term, k.count,
                           round(k.count * (ln((1.0 + n.total) / (1.0 + df.df)) + 1.0), 4) AS weight
                    FROM keyword k JOIN document d ON d.id = k.document_id
                    JOIN (SELECT term, COUNT(*) AS df FROM keyword GROUP BY term) df ON df.term = k.term
                    JOIN (SELECT COUNT(*) AS total FROM document) n
                    ORDER BY d.id, k.count DESC, k.term;
                CREATE VIEW keyphrases AS
                    SELECT d.name AS document, p.rank, p.phrase, p.score
                    FROM keyphrase p JOIN document d ON d.id = p.document_id ORDER BY d.id, p.rank;
                """)
        }
        migrator.registerMigration("v2-mention-sentiment") { db in
            // Each mention's own tone (words near it weigh more); entity sentiment is their mean.
            try db.execute(sql: """
                ALTER TABLE mention ADD COLUMN sentiment REAL NOT NULL DEFAULT 0;
                DROP VIEW mentions;
                CREATE VIEW mentions AS
                    SELECT d.name AS document, m.start, m."end", m.text, m.type, e.name AS entity, m.sentence, m.sentiment
                    FROM mention m JOIN document d ON d.id = m.document_id
                    LEFT JOIN entity_key k ON k.key = m.key LEFT JOIN entity e ON e.id = k.entity_id
                    ORDER BY d.id, m.idx;
                """)
        }
        migrator.registerMigration("v3-cooccurrences") { db in
            // Pairs of entities met in the same documents and sentences (the co-occurrence network);
            // v6 recreates the view from `Store.cooccurrenceSQL`.
            try db.execute(sql: """
                CREATE INDEX IF NOT EXISTS mention_document_sentence ON mention(document_id, sentence);
                CREATE VIEW cooccurrences AS
                    WITH em AS (
                        SELECT DISTINCT m.document_id, m.sentence, k.entity_id
                        FROM mention m JOIN entity_key k ON k.key = m.key
                    ), ed AS (
                        SELECT DISTINCT document_id, entity_id FROM em
                    ), docs AS (
                        SELECT a.entity_id AS a, b.entity_id AS b, COUNT(*) AS documents
                        FROM ed a JOIN ed b ON b.document_id = a.document_id AND b.entity_id > a.entity_id
                        GROUP BY 1, 2
                    ), sents AS (
                        SELECT a.entity_id AS a, b.entity_id AS b, COUNT(*) AS sentences
                        FROM em a JOIN em b ON b.document_id = a.document_id AND b.sentence = a.sentence AND b.entity_id > a.entity_id
                        GROUP BY 1, 2
                    )
                    SELECT CASE WHEN ea.name <= eb.name THEN ea.name ELSE eb.name END AS entity_a,
                           CASE WHEN ea.name <= eb.name THEN eb.name ELSE ea.name END AS entity_b,
                           d.documents, COALESCE(s.sentences, 0) AS sentences
                    FROM docs d JOIN entity ea ON ea.id = d.a JOIN entity eb ON eb.id = d.b
                    LEFT JOIN sents s ON s.a = d.a AND s.b = d.b
                    ORDER BY d.documents DESC, sentences DESC, entity_a, entity_b;
                """)
        }
        migrator.registerMigration(packedTokens) { db in
            // A document's tokens as one JSON array in one row instead of a row each: SQLite's work per
            // inserted row (binding, VDBE, B-tree) was a sixth of `loupe analyze`. A rowid table, so that
            // the long value fills whole overflow pages. The `tokens` view unpacks the arrays with
            // `json_each`, whose `key` is the token's index in its document (`sentiment_cue.token`,
            // `sentence.first_token`), and gives the same rows in the same order as the former table:
            // `json_each` walks an array in order, and ordering by `t.key` as well would make SQLite
            // sort every token of the corpus in memory (a million tokens: 45 → 126 MB for an export).
            try db.execute(sql: """
                CREATE TABLE document_tokens (
                    document_id INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,
                    tokens TEXT NOT NULL
                );
                INSERT INTO document_tokens (document_id, tokens)
                    SELECT document_id, json_group_array(json(value)) FROM (
                        SELECT document_id, json_array(sentence, start, "end", text, lemma, stopword, kind) AS value
                        FROM token ORDER BY document_id, idx)
                    GROUP BY document_id;
                DROP VIEW tokens;
                DROP TABLE token;
                CREATE VIEW tokens AS
                    SELECT d.name AS document, json_extract(t.value, '$[0]') AS sentence,
                           json_extract(t.value, '$[1]') AS start, json_extract(t.value, '$[2]') AS "end",
                           json_extract(t.value, '$[3]') AS text, json_extract(t.value, '$[4]') AS lemma,
                           json_extract(t.value, '$[5]') AS stopword, json_extract(t.value, '$[6]') AS kind
                    FROM document_tokens x JOIN document d ON d.id = x.document_id, json_each(x.tokens) t
                    ORDER BY d.id;
                """)
        }
        migrator.registerMigration("v5-indexes") { db in
            // Keeping keywords in term order cost 4 % of `loupe analyze` (every document's ~300 terms
            // inserted at random places of an index) and bought little: the corpus-wide queries group
            // every term anyway, and one document's weights take 0.1 s on 900 articles without it.
            // Mentions by key, type and text: the entity linking that ends every analysis groups them
            // so, which took a sort of every mention (23 ms for 19,000 mentions; 3 ms by the index).
            try db.execute(sql: """
                DROP INDEX IF EXISTS keyword_term;
                CREATE INDEX mention_key_form ON mention(key, type, text);
                """)
        }
        migrator.registerMigration("v6-entity-keys") { db in
            // What incremental linking reads instead of every mention: each entity's canonical key, each
            // key's majority type and last word (short person names), acronyms by name and by expansion.
            // Entities made by an older Loupe have no canonical key: the next analysis relinks them all.
            try db.execute(sql: """
                ALTER TABLE entity ADD COLUMN key TEXT;
                CREATE UNIQUE INDEX entity_canonical_key ON entity(key);
                ALTER TABLE entity_key ADD COLUMN type TEXT;
                ALTER TABLE entity_key ADD COLUMN last_word TEXT;
                CREATE INDEX entity_key_entity ON entity_key(entity_id);
                CREATE INDEX entity_key_last_word ON entity_key(last_word) WHERE last_word IS NOT NULL;
                CREATE INDEX acronym_acronym ON acronym(acronym);
                CREATE INDEX acronym_expansion ON acronym(expansion_key);
                -- Names (mention keys, acronyms) of documents stored or replaced since the last linking.
                CREATE TABLE link_pending (key TEXT PRIMARY KEY) WITHOUT ROWID;
                -- Every run reads each stored document's hash: from this index rather than from rows
                -- that hold the whole text (on 100,000 articles, 316 MB read for 4 MB of hashes).
                CREATE INDEX document_name_hash ON document(name, hash);
                DROP VIEW cooccurrences;
                """)
            // The view from the one query that filtered exports use too (v3 wrote it out a second time).
            let (pairs, _) = Store.cooccurrenceSQL(DocumentFilter())
            try db.execute(sql: """
                CREATE VIEW cooccurrences AS SELECT entity_a, entity_b, documents, sentences FROM (\(pairs))
                    ORDER BY documents DESC, sentences DESC, entity_a, entity_b
                """)
        }
        migrator.registerMigration("v7-corpus-types") { db in
            // A mention's type is its corpus entity's (the majority over every mention linked to it), so one
            // name has one type across the corpus ("Orange et Huawei se disputent…" no longer makes Huawei a
            // place); `mention.type` keeps the tagger's own decision. Measured: WiNER 2017 micro F1 0.867 →
            // 0.869, wikineural-fr-val 0.760 → 0.763 (both with a model trained on WiNER 2016 only).
            try db.execute(sql: """
                DROP VIEW mentions;
                CREATE VIEW mentions AS
                    SELECT d.name AS document, m.start, m."end", m.text, COALESCE(e.type, m.type) AS type, e.name AS entity,
                           m.sentence, m.sentiment
                    FROM mention m JOIN document d ON d.id = m.document_id
                    LEFT JOIN entity_key k ON k.key = m.key LEFT JOIN entity e ON e.id = k.entity_id
                    ORDER BY d.id, m.idx;
                """)
        }
        migrator.registerMigration("v8-pos") { db in
            // Each token's part of speech, the eighth element of its array in `document_tokens`, as the
            // `tokens` view's `pos` column after `lemma`. Arrays stored by an older Loupe have no eighth
            // element: their `pos` is "" until the document is analysed again (the analysis version changed
            // with the tagger, so the next `loupe analyze` of the same files replaces them).
            try db.execute(sql: """
                DROP VIEW tokens;
                CREATE VIEW tokens AS
                    SELECT d.name AS document, json_extract(t.value, '$[0]') AS sentence,
                           json_extract(t.value, '$[1]') AS start, json_extract(t.value, '$[2]') AS "end",
                           json_extract(t.value, '$[3]') AS text, json_extract(t.value, '$[4]') AS lemma,
                           COALESCE(json_extract(t.value, '$[7]'), '') AS pos,
                           json_extract(t.value, '$[5]') AS stopword, json_extract(t.value, '$[6]') AS kind
                    FROM document_tokens x JOIN document d ON d.id = x.document_id, json_each(x.tokens) t
                    ORDER BY d.id;
                """)
        }
        migrator.registerMigration("v9-author") { db in
            // Who signed a web page's article (JSON-LD `author`, `<meta name="author">`…) or a JSONL line's
            // `author`, as the `documents` view's last column. Documents stored before hold NULL until analysed
            // again; their hash is unchanged, so only a file whose author is now known is re-analysed.
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN author TEXT;
                DROP VIEW documents;
                CREATE VIEW documents AS
                    SELECT name AS document, title, date, source, characters, words, sentences, sentiment, subjectivity, url, author
                    FROM document ORDER BY id;
                """)
        }
        return migrator
    }

    /// The migration that packs each document's tokens into one row (``Store`` vacuums after it).
    static let packedTokens = "v4-document-tokens"

    /// The newest migration's name: the schema version recorded in the database.
    static let version = "v9-author"
}
