import Foundation
import Ingest
import LoupeCore
import XCTest

/// The failures of the old scanner, each as a small hand-written page with the text and date it must give.
final class HTMLExtractionTests: XCTestCase {
    // Three paragraphs of a story: long, punctuated, without links.
    let story = [
        "Le gouvernement sénégalais a signé mardi à Dakar un accord avec Huawei pour former dix mille jeunes aux métiers du numérique d’ici à 2025.",
        "Selon le ministre de l’Économie numérique, les formations commenceront en septembre dans les universités publiques du pays, avec des bourses pour les étudiants.",
        "Les syndicats d’enseignants saluent le projet, mais demandent que les formateurs soient recrutés localement et que les contenus soient en français.",
    ]
    var storyHTML: String { story.map { "<p>\($0)</p>" }.joined(separator: "\n") }
    var storyText: String { story.joined(separator: "\n\n") }

    let sidebar = """
        <div class="sidebar"><h3>Les plus lus</h3><ul>
        <li><a href="/a">Le Cameroun lance son satellite</a></li><li><a href="/b">Orange baisse ses prix au Mali</a></li>
        <li><a href="/c">La Côte d’Ivoire accueille un sommet sur l’intelligence artificielle</a></li></ul>
        <p>Recevez chaque matin notre lettre d’information gratuite avec toute l’actualité du numérique en Afrique de l’Ouest.</p></div>
        """

    func page(head: String = "", body: String, bodyAttributes: String = "") -> String {
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\(head)</head><body\(bodyAttributes)>\(body)</body></html>"
    }

    func testBodyWithAFurnitureWordInItsClassKeepsTheArticle() {
        // Drupal's body class "no-sidebars" once matched "sidebar" and lost the whole page.
        let html = page(head: "<title>Huawei formera dix mille jeunes | Tech Sahel</title>",
                        body: "<div id=\"page\"><div class=\"content\"><h1>Huawei formera dix mille jeunes</h1>\(storyHTML)</div>\(sidebar)</div>",
                        bodyAttributes: " class=\"html not-front no-sidebars page-node\"")
        let page = HTMLExtractor.extract(html)
        XCTAssertEqual(page.title, "Huawei formera dix mille jeunes")
        XCTAssertEqual(page.text, storyText)
        XCTAssertNil(page.thinWarning)
    }

    func testClassWordsAreWholeWords() {
        // "commentary" and "shared" are not "comment" and "share"; "share-buttons" is.
        let html = page(body: "<div class=\"commentary shared-story\">\(storyHTML)</div><div class=\"share-buttons\"><p>Partagez cet article avec vos amis sur les réseaux sociaux, cela nous aide beaucoup.</p></div>")
        XCTAssertEqual(HTMLExtractor.extract(html).text, storyText)
    }

    func testTeaserArticlesAroundAStoryInMain() {
        let teasers = (1...4).map { k in
            "<article class=\"teaser\"><h2><a href=\"/t\(k)\">Titre du sujet numéro \(k) de la rubrique économie</a></h2><a href=\"/t\(k)\">Lire</a></article>"
        }.joined()
        let html = page(body: "<header><nav><a href=\"/\">Accueil</a></nav></header><main><h1>Huawei formera dix mille jeunes</h1>\(storyHTML)<section class=\"more\">\(teasers)</section></main>")
        let page = HTMLExtractor.extract(html)
        XCTAssertEqual(page.text, storyText)
    }

    func testArticleInsideAnAside() {
        let html = page(body: "<nav><ul><li><a href=\"/\">Accueil</a></li><li><a href=\"/eco\">Économie</a></li></ul></nav><aside><article><h1>Huawei formera dix mille jeunes</h1>\(storyHTML)</article></aside><footer><p>Mentions légales</p></footer>")
        let page = HTMLExtractor.extract(html)
        XCTAssertEqual(page.text, storyText)
    }

    func testLiveBlogEntriesClassedAsCommentsAreTheContent() {
        let entries = story.map { "<div class=\"live-match-comment\"><span class=\"minute\">12e</span><p>\($0)</p></div>" }.joined()
        let html = page(body: "<div class=\"live\">\(entries)</div><div id=\"comments\" class=\"comments\"><p>Super match, merci pour ce direct qui m’a permis de suivre la rencontre depuis le bureau !</p></div>")
        let text = HTMLExtractor.extract(html).text
        for paragraph in story { XCTAssertTrue(text.contains(paragraph), text) }
        XCTAssertFalse(text.contains("Super match"), text)
    }

    func testFootersAndRelatedListsOutsideSemanticTagsAreDropped() {
        let html = page(body: """
            <div class="wrapper"><div class="post"><h1>Huawei formera dix mille jeunes</h1>\(storyHTML)</div>
            <div class="related-posts"><h3>Articles similaires</h3><ul><li><a href="/1">Le Sénégal mise sur la fibre optique pour relier ses régions</a></li>
            <li><a href="/2">Dakar accueille un salon du numérique africain en novembre</a></li></ul></div>
            <div class="site-info"><p>© 2024 Tech Sahel. Tous droits réservés. Reproduction interdite sans autorisation écrite.</p></div></div>
            """)
        XCTAssertEqual(HTMLExtractor.extract(html).text, storyText)
    }

    func testSoftHyphensAndZeroWidthCharactersAreRemoved() {
        let html = page(body: "<article><p>Le président Em&shy;ma&shy;nuel Ma\u{AD}cron a reçu le\u{200B} président du Sé&#173;né&#xAD;gal à l’Élysée pour parler de coopération numérique.</p></article>")
        XCTAssertEqual(HTMLExtractor.extract(html).text, "Le président Emmanuel Macron a reçu le président du Sénégal à l’Élysée pour parler de coopération numérique.")
    }

    func testOneBadByteIsReplacedWithAWarning() throws {
        // "é" (C3 A9) truncated to C3 once; every other accent must survive and the page must be read.
        let html = page(body: "<article>\(storyHTML)<p>Le d@bat reprendra jeudi à l’Assemblée nationale, a précisé le ministre.</p></article>")
        let halves = html.components(separatedBy: "@")
        let bytes = Array(halves[0].utf8) + [0xC3] + Array(halves[1].utf8)
        let doc = try read(bytes, "bad-byte.html")
        XCTAssertTrue(doc.text.contains("Le d\u{FFFD}bat reprendra jeudi à l’Assemblée nationale"), doc.text)
        XCTAssertTrue(doc.text.contains(story[0]))
        XCTAssertTrue(doc.warnings.contains { $0.contains("U+FFFD") }, "\(doc.warnings)")
    }

    func testISO88592DeclaredInMetaCharset() throws {
        // "Le maire de Łódź a visité Kraków." in ISO-8859-2: Ł = A3, ó = F3, ź = BC, é = E9. As Windows-1252, A3 is £.
        var bytes = Array("<html><head><meta charset=\"iso-8859-2\"><title>Pologne</title></head><body><article><p>Le maire de ".utf8)
        bytes += [0xA3, 0xF3, 0x64, 0xBC] + Array(" a visit".utf8) + [0xE9] + Array(" Krak".utf8) + [0xF3] + Array("w pour signer un accord de coop".utf8)
        bytes += [0xE9] + Array("ration entre les deux villes universitaires.</p></article></body></html>".utf8)
        let doc = try read(bytes, "pl.html")
        XCTAssertEqual(doc.metadata.title, "Pologne")
        XCTAssertEqual(doc.text, "Le maire de Łódź a visité Kraków pour signer un accord de coopération entre les deux villes universitaires.")
        XCTAssertTrue(doc.warnings.isEmpty, "\(doc.warnings)")
    }

    func testJSONLDGivesDateTitleSiteAndAuthor() throws {
        let ld = """
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "name": "Tech Sahel"},
              {"@type": "NewsArticle", "headline": "Huawei formera dix mille jeunes", "datePublished": "2019-05-31T08:00:00+02:00",
               "dateModified": "2019-06-02T10:00:00+02:00", "author": {"@type": "Person", "name": "Awa Diop"},
               "publisher": {"@type": "Organization", "name": "Tech Sahel"}}]}</script>
            <link rel="canonical" href="https://techsahel.example/huawei-formation">
            """
        let html = page(head: ld + "<title>Huawei formera dix mille jeunes – Tech Sahel</title>",
                        body: "<article><p class=\"maj\">Mis à jour le 2 juin 2019</p>\(storyHTML)</article>")
        let doc = try read(Array(html.utf8), "ld.html")
        XCTAssertEqual(doc.metadata.date, "2019-05-31")
        XCTAssertEqual(doc.metadata.title, "Huawei formera dix mille jeunes")
        XCTAssertEqual(doc.metadata.source, "Tech Sahel")
        XCTAssertEqual(doc.metadata.url, "https://techsahel.example/huawei-formation")
        let page = HTMLExtractor.extract(html)
        XCTAssertEqual(page.author, "Awa Diop")
        XCTAssertEqual(page.dateSource, "json-ld")
    }

    func testOnlyAVisibleDate() throws {
        let html = page(head: "<title>Huawei formera dix mille jeunes - Tech Sahel</title>",
                        body: "<div class=\"entete\"><h1>Huawei formera dix mille jeunes</h1><p>Par la rédaction, publié le 3 juin 2024 à 10 h 12</p></div><div class=\"texte\">\(storyHTML)</div>")
        let doc = try read(Array(html.utf8), "visible.html")
        XCTAssertEqual(doc.metadata.date, "2024-06-03")
        XCTAssertEqual(doc.metadata.title, "Huawei formera dix mille jeunes")
        XCTAssertTrue(doc.text.hasSuffix(storyText), doc.text)
    }

    func testDateOrderOfTrust() {
        // A published-time meta beats <time>, which beats the URL, which beats the text.
        let body = "<article><time datetime=\"2020-02-02\">2 février 2020</time>\(storyHTML)<p>Le 4 avril 2020, rien ne change.</p></article>"
        let canonical = "<link rel=\"canonical\" href=\"https://ex.example/2020/03/03/huawei\">"
        XCTAssertEqual(HTMLExtractor.extract(page(head: "<meta property=\"article:published_time\" content=\"2020-01-01T09:00:00Z\">" + canonical, body: body)).date, "2020-01-01")
        XCTAssertEqual(HTMLExtractor.extract(page(head: canonical, body: body)).date, "2020-02-02")
        XCTAssertEqual(HTMLExtractor.extract(page(head: canonical, body: "<article>\(storyHTML)</article>")).date, "2020-03-03")
        // A UTC timestamp past midnight is the publisher's previous day, which the URL gives.
        let utc = "<meta property=\"article:published_time\" content=\"2020-03-04T01:30:00Z\">"
        XCTAssertEqual(HTMLExtractor.extract(page(head: utc + canonical, body: body)).date, "2020-03-03")
    }

    func testTeasersWithReadMoreLinksAndDataTables() {
        let teasers = (1...3).map { k in
            "<div class=\"item\"><h3><a href=\"/\(k)\">Autre sujet \(k)</a></h3><p>Un autre article du site résume ici en quelques lignes ce qui s’est passé cette semaine au conseil municipal de la ville numéro \(k).</p><a href=\"/\(k)\">Lire la suite</a></div>"
        }.joined()
        let table = "<table><tr><th>Rang</th><th>Pays</th><th>Points</th></tr><tr><td>1</td><td>Sénégal</td><td>1 555</td></tr><tr><td>2</td><td>Maroc</td><td>1 520</td></tr></table>"
        let html = page(body: "<div class=\"main\"><div class=\"story\">\(storyHTML)\(table)</div><div class=\"list\">\(teasers)</div></div>")
        XCTAssertEqual(HTMLExtractor.extract(html).text, storyText + "\n\nRang Pays Points\n\n1 Sénégal 1 555\n\n2 Maroc 1 520")
    }

    func testAHiddenCopyMarkedAsTheArticleBodyIsNotKept() {
        // Schema.org microdata for search engines, inside display:none, repeats the article as one block.
        let copy = """
            <div style="display:none;" itemscope itemtype="http://schema.org/NewsArticle"><h1 itemprop="name">Huawei formera dix mille jeunes</h1>
            <div itemprop="articleBody">\(story.joined(separator: "\n"))</div></div>
            """
        let html = page(body: "<div class=\"content\"><h1>Huawei formera dix mille jeunes</h1>\(storyHTML)</div>\(copy)\(sidebar)")
        XCTAssertEqual(HTMLExtractor.extract(html).text, storyText)
    }

    func testAParagraphRichInLinksBesideTheOnlyLongOneIsKept() {
        // One long paragraph, then prose whose product names are links: the paragraph alone is not the container.
        let links = "<p>Les <a href=\"/p1\">écouteurs sans fil</a> sont à 139 euros, la <a href=\"/p2\">montre connectée</a> à 169 euros et les <a href=\"/p3\">tablettes de la marque</a> baissent aussi cette semaine.</p>"
        let offer = "<div class=\"offer\"><a href=\"/p1\">Écouteurs</a> <a href=\"/buy\">Acheter</a></div>"
        let html = page(body: "<div class=\"entry\"><p>\(story[0]) \(story[1])</p>\(links)\(offer)</div>\(sidebar)")
        XCTAssertEqual(HTMLExtractor.extract(html).text, story[0] + " " + story[1] + "\n\n"
            + "Les écouteurs sans fil sont à 139 euros, la montre connectée à 169 euros et les tablettes de la marque baissent aussi cette semaine.")
    }

    func testAnEmbeddedTweetIsQuotedContentEvenInASocialWrapper() {
        let tweet = """
            <div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="fr">Une excellente nouvelle pour la jeunesse \
            sénégalaise, qui pourra se former aux métiers de demain ici même.</p>— Awa Diop (@awadiop) \
            <a href="https://twitter.com/awadiop/status/1">18 novembre 2019</a></blockquote></div>
            """
        let html = page(body: "<article><p>\(story[0])</p><p>\(story[1])</p>\(tweet)<p>\(story[2])</p></article>\(sidebar)")
        XCTAssertEqual(HTMLExtractor.extract(html).text, [story[0], story[1],
            "Une excellente nouvelle pour la jeunesse sénégalaise, qui pourra se former aux métiers de demain ici même.",
            "— Awa Diop (@awadiop) 18 novembre 2019", story[2]].joined(separator: "\n\n"))
        // The same wrapper around share buttons stays furniture.
        let share = "<div class=\"social-media-embed\"><ul><li>Partager sur Facebook</li><li>Partager sur X</li></ul></div>"
        XCTAssertEqual(HTMLExtractor.extract(page(body: "<article>\(storyHTML)\(share)</article>")).text, storyText)
    }

    func testAQuotationIsItsOwnParagraph() {
        // `blockquote` (ten letters) was once read as an unknown inline element.
        let quote = "<blockquote>« Nous formerons dix mille jeunes d’ici à 2025 », a promis le ministre devant les étudiants.</blockquote>"
        let html = page(body: "<article><p>\(story[0])</p>\(quote)<p>\(story[1])</p></article>")
        XCTAssertEqual(HTMLExtractor.extract(html).text, [story[0],
            "« Nous formerons dix mille jeunes d’ici à 2025 », a promis le ministre devant les étudiants.", story[1]].joined(separator: "\n\n"))
    }

    func testACaptionOutsideAFigureIsNotText() {
        // `figcaption` (ten letters) was once read as an unknown element, its text kept.
        let photo = "<div class=\"media\"><img src=\"a.jpg\"><figcaption>Le ministre de l’Économie numérique à Dakar, mardi, devant les étudiants (photo d’archives).</figcaption></div>"
        let html = page(body: "<article><p>\(story[0])</p>\(photo)<p>\(story[1])</p><p>\(story[2])</p></article>")
        XCTAssertEqual(HTMLExtractor.extract(html).text, storyText)
    }

    func testSubheadingAndListAfterTheLastParagraph() {
        let list = "<h3>Les pays qualifiés</h3><ul><li>Sénégal (groupe A) : troisième participation</li><li>Maroc (groupe B) : sixième participation</li></ul>"
        let related = "<h3>À lire aussi</h3><ul><li><a href=\"/a\">Le Cameroun lance son satellite</a></li><li><a href=\"/b\">Orange baisse ses prix</a></li></ul>"
        let html = page(body: "<article>\(storyHTML)\(list)\(related)</article>")
        XCTAssertEqual(HTMLExtractor.extract(html).text, storyText
            + "\n\nLes pays qualifiés\n\nSénégal (groupe A) : troisième participation\n\nMaroc (groupe B) : sixième participation")
    }

    func testTitleWithoutTheSiteName() {
        XCTAssertEqual(HTMLExtractor.extract(page(head: "<meta property=\"og:site_name\" content=\"Le Fil\"><meta property=\"og:title\" content=\"Washington durcit le ton | Le Fil\">",
                                                  body: "<article>\(storyHTML)</article>")).title, "Washington durcit le ton")
        XCTAssertEqual(HTMLExtractor.extract(page(head: "<title>Washington durcit le ton contre Huawei - Le Fil Monde</title>",
                                                  body: "<article>\(storyHTML)</article>")).title, "Washington durcit le ton contre Huawei")
    }

    func testAPageThatKeepsAlmostNothingIsNamedInAWarning() throws {
        // The article is two short lines; the rest of the page is long furniture.
        let furniture = (1...12).map { _ in "<p>Inscrivez-vous à notre lettre d’information pour recevoir chaque semaine les meilleures offres de nos partenaires commerciaux.</p>" }.joined()
        let html = page(body: "<article><p>Court article.</p></article><div class=\"newsletter\">\(furniture)</div>")
        let doc = try read(Array(html.utf8), "thin.html")
        XCTAssertTrue(doc.warnings.contains { $0.contains("kept only") }, "\(doc.warnings)")
    }

    func testDeeplyNestedPagesKeepTheirText() {
        // libxml2 stops at 256 levels unless told otherwise; the tree is read flat past 400.
        let deep = String(repeating: "<div>", count: 20_000) + "Le texte tout au fond de la page." + String(repeating: "</div>", count: 20_000)
        XCTAssertEqual(HTMLExtractor.extract(page(body: deep)).text, "Le texte tout au fond de la page.")
        let unclosed = String(repeating: "<b>", count: 20_000) + "Du texte en gras, sans fin."
        XCTAssertEqual(HTMLExtractor.extract(page(body: unclosed)).text, "Du texte en gras, sans fin.")
    }

    private func read(_ bytes: [UInt8], _ name: String) throws -> SourceDocument {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-\(UUID().uuidString)-\(name)").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try DocumentReader.read(InputFile(path: path, id: name, format: .html)).first!.get()
    }
}
