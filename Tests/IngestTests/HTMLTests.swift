import Foundation
import Ingest
import LoupeCore
import XCTest

final class HTMLTests: XCTestCase {
    let page = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Huawei renforce son partenariat avec l&rsquo;UA | Digital Business Africa</title>
        <script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
        <body><header class="site-header"><nav><a href="/">Accueil</a> <a href="/tic">TIC</a></nav></header>
        <article><header><h1>Huawei renforce son partenariat avec l&#8217;UA</h1></header>
        <p>Huawei et l&rsquo;Union africaine ont sign&eacute; un nouvel accord.<br>Le partenariat dure trois ans.
        <p>Les deux parties collaborent &amp; forment des talents.</p>
        <div class="share-buttons">Partager sur Facebook</div>
        <!-- a comment <p>hidden</p> -->
        <ul><li>haut débit</li><li>intelligence artificielle</ul>
        </article>
        <aside>A la Une cette semaine</aside>
        <div id="comments"><h3>LAISSER UNE RÉPONSE</h3><form>Votre nom</form></div>
        <footer>© 2024 Tous droits réservés</footer></body></html>
        """

    func testArticleTextWithoutFurniture() {
        let page = HTMLExtractor.extract(self.page)
        XCTAssertEqual(page.title, "Huawei renforce son partenariat avec l’UA")
        // The headline is the title, no longer the text's first line (as a JSONL line's text and title).
        XCTAssertEqual(page.text, """
            Huawei et l’Union africaine ont signé un nouvel accord.
            Le partenariat dure trois ans.

            Les deux parties collaborent & forment des talents.

            haut débit

            intelligence artificielle
            """)
    }

    func testMalformedPagesStillGiveText() {
        XCTAssertEqual(HTMLExtractor.extract("<p>Un <b>texte <i>mal</b> fermé</i> < 3 et &unknown; &#xE9;t&#233;").text, "Un texte mal fermé < 3 et &unknown; été")
        XCTAssertEqual(HTMLExtractor.extract("<div><script>if (a < b) { x = '</div>' }</script>Texte</div><!-- jamais fermé").text, "Texte")
        XCTAssertEqual(HTMLExtractor.extract("").text, "")
    }

    func testEncodingFromMetaCharset() throws {
        var bytes = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>".utf8)
        bytes += [0x45, 0x74, 0x61, 0x74, 0x73, 0x2D, 0x55, 0x6E, 0x69, 0x73, 0x20, 0x64, 0x27, 0xE9, 0x74, 0xE9]  // Etats-Unis d'été
        bytes += Array("</p></body></html>".utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-\(UUID().uuidString).html").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let doc = try DocumentReader.read(InputFile(path: path, id: "p.html", format: .html)).first!.get()
        XCTAssertEqual(doc.text, "Etats-Unis d'été")
        XCTAssertTrue(doc.warnings.isEmpty)
    }

    func testJSONLWithAnHTMLField() throws {
        let line = #"{"id": "h1", "html": "<html><body><nav>Menu</nav><p>Le S&eacute;n&eacute;gal vote.</p></body></html>", "source": "web"}"#
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-\(UUID().uuidString).jsonl").path
        FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let doc = try DocumentReader.read(InputFile(path: path, id: "f.jsonl", format: .jsonl)).first!.get()
        XCTAssertEqual(doc.text, "Le Sénégal vote.")
        XCTAssertEqual(doc.metadata.source, "web")
    }
}
