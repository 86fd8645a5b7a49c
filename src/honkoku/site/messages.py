"""Every piece of the reader's site's own interface text, in Japanese and in English.

Why: an edition of English sources (a FRUS volume) needs an interface its
readers can use. The site's language is MkDocs' ``theme.language`` (the
setting that also localises Material's own strings): "ja" (and "ja-JP" …),
the default, gives Japanese; any other value gives English (``ui_language``).

What reads it: pages.py, heads.py, cite.py, behaviours.py and render.py (through
a ``Messages`` handed down from SiteBuilder), the templates (as ``t``), the MkDocs
hooks (the menu, and ``hk_t`` in overrides/edition.html), build.py (the search
script's placeholder). Two CSS ``content:`` strings stay in assets/edition.css,
chosen there by ``html[lang]`` (Material sets it from theme.language).

Each entry is ``key: (Japanese, English)``. The Japanese text is exactly what the
site showed before this catalogue existed: the Japanese site is byte for byte the
same. Values are ``str.format`` strings with named placeholders, plus one extra:
``{n:one|other}`` writes "one" when n is 1 and "other" otherwise (English plurals:
``"{n} {n:file|files}"``). A key ending in ``_html`` holds trusted HTML from this
file (its placeholders' values are escaped); every other value is plain text,
escaped where it is used. Keys in a group (``type.``, ``kind.``, ``decl.``…) translate
a code from the TEI (``Messages.label``); a code without an entry is shown as it is.
"""
from __future__ import annotations

import string

from markupsafe import Markup, escape

MESSAGES: dict[str, tuple[str, str]] = {
    # the menu (mkdocs_hooks.py) and the page titles of the browse pages
    "nav.home": ("ホーム", "Home"),
    "nav.registers": ("人名・地名・組織", "People, places and organisations"),
    "nav.glossary": ("用語集", "Glossary"),
    "nav.chronology": ("年表", "Chronology"),
    "nav.search": ("検索", "Search"),
    "nav.downloads": ("ダウンロード", "Downloads"),
    "nav.about": ("この版について", "About this edition"),
    "nav.editors": ("編集者", "Editors"),
    # theme override (overrides/edition.html)
    "theme.skip": ("本文へ移動", "Skip to the text"),
    "theme.search_placeholder": ("検索 ( / )", "Search ( / )"),
    # separators and quotation marks around text from the sources
    "sep.list": ("、", ", "),
    "sep.dot": ("・", ", "),
    "quote": ("「{text}」", "“{text}”"),
    # register kinds: one entry (kind.), the tabs of the index (kinds.), an index's title, back to it
    "kind.person": ("人物", "Person"),
    "kind.place": ("地名", "Place"),
    "kind.org": ("組織", "Organisation"),
    "kind.term": ("用語", "Term"),
    "kinds.person": ("人物", "People"),
    "kinds.place": ("地名", "Places"),
    "kinds.org": ("組織", "Organisations"),
    "kinds.term": ("用語", "Terms"),
    "registers.person": ("人物索引", "Index of people"),
    "registers.place": ("地名索引", "Index of places"),
    "registers.org": ("組織索引", "Index of organisations"),
    "registers.term": ("用語集", "Glossary"),
    "back.person": ("人物一覧", "All people"),
    "back.place": ("地名一覧", "All places"),
    "back.org": ("組織一覧", "All organisations"),
    "back.term": ("用語一覧", "All terms"),
    "entity.back_other": ("{kind}一覧", "Index: {kind}"),
    # document types (div/@subtype, div/@type)
    "type.approval-form": ("決裁書", "Approval form"),
    "type.draft-cable": ("電信案", "Draft telegram"),
    "type.telegram": ("電信", "Telegram"),
    "type.record": ("記録", "Record"),
    "type.interview": ("インタビュー", "Interview"),
    "type.letter": ("書簡", "Letter"),
    "type.memo": ("覚書", "Memorandum"),
    "type.report": ("報告", "Report"),
    "type.cover": ("表紙", "Cover"),
    "type.document": ("文書", "Document"),
    # editorialDecl sections, handNote/@script (about page, hover text of a hand)
    "decl.correction": ("訂正", "Correction"),
    "decl.normalization": ("正規化", "Normalisation"),
    "decl.hyphenation": ("改ページ・語の分割", "Page breaks and divided words"),
    "decl.interpretation": ("自動検出と編者の宣言", "Automatic detection and the editors' declarations"),
    "decl.segmentation": ("分割", "Segmentation"),
    "decl.quotation": ("引用符", "Quotation"),
    "decl.punctuation": ("句読点", "Punctuation"),
    "decl.stdVals": ("標準値", "Standard values"),
    "script.handwritten": ("手書き", "Handwritten"),
    "script.typewritten": ("タイプ", "Typewritten"),
    "script.printed": ("印刷", "Printed"),
    # lists of documents (home page, list/)
    "order.date": ("日付順", "by date"),
    "order.type": ("種類順", "by type"),
    "order.source": ("出典順", "by source"),
    "list.title": ("文書一覧 ({order}, {n}/{count})", "Documents ({order}, {n} of {count})"),
    "list.heading": ("文書一覧", "Documents"),
    "list.count": ("({total} 件、{order})", "({total}, {order})"),
    "list.sort": ("並べ替え:", "Sort:"),
    "list.col_title": ("表題", "Title"),
    "list.col_source": ("出典", "Source"),
    "home.lead": ("外交文書などの翻刻 (transcription) を TEI P5 で符号化し、閲読版と原文版の二つの表示で公開するデジタル・エディションです。"
                  "全 {sources} 資料ファイル、{documents} 文書、索引 {entities} 項目、日付 {dates} 件。",
                  "A digital edition of transcribed archival documents, encoded in TEI P5 and published in two views: "
                  "a reading text and a diplomatic transcription. {sources} source {sources:file|files}, "
                  "{documents} {documents:document|documents}, {entities} index {entities:entry|entries}, "
                  "{dates} {dates:date|dates}."),
    "home.registers": ("人名・地名・組織索引", "Index of people, places and organisations"),
    # pagination, view switch, legend (macros.html.j2)
    "pager.label": ("ページ送り", "Pages"),
    "pager.prev": ("← 前へ", "← Previous"),
    "pager.next": ("次へ →", "Next →"),
    "pager.range": ("{first}–{last} / {total} 件", "{first}–{last} of {total}"),
    "view.legend": ("表示", "View"),
    "view.reading": ("閲読版", "Reading text"),
    "view.reading_hint": ("訂正・正規化を適用し、柱などを隠した読みやすい表示 (キー v で切替)",
                          "The text as corrected and normalised, without running heads (key v switches)"),
    "view.diplomatic": ("原文版 (翻刻)", "Diplomatic transcription"),
    "view.diplomatic_hint": ("誤記・字間・柱・書式欄を原文どおりに示す表示 (キー v で切替)",
                             "Errors, spacing, running heads and form fields as in the original (key v switches)"),
    "legend.summary": ("凡例 (表示の約束)", "Legend (conventions of this edition)"),
    "legend.entity_sample": ("人名", "Name"),
    "legend.entity": ("人名・地名・組織・用語 (索引へのリンク、ポインタを重ねると説明)",
                      "People, places, organisations and terms (links to the index; hover for a description)"),
    "legend.pilcrow": ("段落へのリンク (引用に使える固定アドレス)", "Link to the paragraph (a permanent address to cite)"),
    "legend.note_html": ("「閲読版」は訂正後の本文・正規化した字間を示し、柱や書式欄を省きます。「原文版」は誤記 (sic)・字間・柱・書式欄を"
                         "原文どおりに示します。切替はすべてのページで保持されます (キー <kbd>v</kbd>)。",
                         "The <em>reading text</em> shows the text as corrected, with normalised spacing, and leaves out "
                         "running heads and form fields. The <em>diplomatic transcription</em> shows errors (sic), "
                         "spacing, running heads and form fields as in the original. The choice is kept on every "
                         "page (key <kbd>v</kbd>)."),
    # the legend's entries: a label, and a TEI sample rendered by the same rules as the text (models.py)
    "legend.corr": ("校訂 (閲読: 訂正後 / 翻刻: 原文)", "Correction (reading text: corrected / diplomatic: as written)"),
    "legend.corr.sample": ('<choice><sic>米ノ</sic><corr cert="high" resp="#ed-1">米ソ</corr></choice>',
                           '<choice><sic>Sovet</sic><corr cert="high" resp="#ed-1">Soviet</corr></choice>'),
    "legend.spacing": ("字間の正規化", "Normalised spacing"),
    "legend.spacing.sample": ('<choice><orig>決 裁 書</orig><reg type="spacing">決裁書</reg></choice>',
                              '<choice><orig>S E C R E T</orig><reg type="spacing">SECRET</reg></choice>'),
    "legend.redaction": ("墨塗り (非開示)", "Redaction (withheld)"),
    "legend.redaction.sample": (
        '<gap reason="withheld" agent="declassification" extent="unknown"><desc>[REDACTED]</desc></gap>',
        '<gap reason="withheld" agent="declassification" extent="unknown"><desc>[REDACTED]</desc></gap>'),
    "legend.boxes": ("空欄の枠", "Empty boxes"),
    "legend.boxes.sample": ('<gap reason="nontext" quantity="2" unit="box"><desc>[] []</desc></gap>',
                            '<gap reason="nontext" quantity="2" unit="box"><desc>[] []</desc></gap>'),
    "legend.hand": ("手書き", "Handwriting"),
    "legend.hand.sample": ('<add hand="#h-ms">手書き</add>', '<add hand="#h-ms">handwritten</add>'),
    "legend.del": ("抹消", "Deletion"),
    "legend.del.sample": ('<del rend="strikethrough">条約局</del>', '<del rend="strikethrough">Treaty Division</del>'),
    "legend.approval": ("承認の印", "Approval mark"),
    "legend.approval.sample": ('<add type="approval" hand="#h-ms">了</add>', '<add type="approval" hand="#h-ms">OK</add>'),
    "legend.stamp": ("印 (スタンプ)", "Stamp"),
    "legend.stamp.sample": ('<stamp type="classification">極秘</stamp>', '<stamp type="classification">SECRET</stamp>'),
    "legend.unclear": ("判読不確実", "Uncertain reading"),
    "legend.unclear.sample": ('<unclear reason="ocr" cert="low">在米</unclear>',
                              '<unclear reason="ocr" cert="low">Moscow</unclear>'),
    "legend.page": ("ページ (余白の番号はリンク)", "Page (the number in the margin is a link)"),
    "legend.page.sample": ('<pb n="3"/>', '<pb n="3"/>'),
    "legend.fw": ("柱 (翻刻のみ)", "Running head (diplomatic only)"),
    "legend.fw.sample": ('<fw type="header" place="top">極秘</fw>', '<fw type="header" place="top">SECRET</fw>'),
    # a document page (document.html.j2) and a division's panel (heads.py)
    "doc.kicker": ("資料ファイル", "Source file"),
    "doc.holding": ("所蔵", "Held by"),
    "doc.author": ("原著者", "Author"),
    "doc.original_title": ("原題", "Original title"),
    "doc.keywords": ("キーワード", "Keywords"),
    "doc.id": ("資料ID", "Source ID"),
    "doc.licence": ("ライセンス", "Licence"),
    "doc.download": ("ダウンロード", "Download"),
    "doc.txt": ("原テキスト (.txt)", "Source text (.txt)"),
    "doc.zip": ("全資料 (zip)", "All sources (zip)"),
    "doc.toc_label": ("この資料の文書", "Documents in this file"),
    "doc.toc": ("収録文書", "Contents"),
    "panel.date": ("日付", "Date"),
    "panel.as_printed": ("(原文: {text})", "(as written: {text})"),
    "panel.type": ("種類", "Type"),
    "panel.from": ("発信", "From"),
    "panel.to": ("宛先", "To"),
    "panel.class": ("区分", "Classification"),
    "panel.reference": ("請求記号等", "Reference"),
    "panel.pages": ("ページ", "Pages"),
    "panel.summary": ("概要", "Summary"),
    "idno.serial": ("総番号", "Serial no."),
    "idno.series": ("番号", "No."),
    "idno.copy": ("部数", "Copy no."),
    "idno.document": ("文書番号", "Document no."),
    # citations (heads.cite_block, cite.py)
    "cite.summary": ("この資料を引用する", "Cite this document"),
    "cite.url": ("固定URL", "Permanent URL"),
    "cite.relative": ("(site_url が未設定のため相対アドレス)", "(a relative address: site_url is not set)"),
    "cite.hint": ("段落を引用するときは、段落末の ¶ のリンク (…#p-L34) やページ番号のリンク (…#p3) をお使いください。",
                  "To cite a paragraph, use the ¶ link at its end (…#p-L34) or the link of a page number (…#p3)."),
    "cite.title": ("「{title}」", "“{title}”"),
    "cite.title_type": ("「{title}」、({type})", "“{title}” ({type})"),
    "cite.container": ("『{container}』", "in {container}"),
    "cite.edition": ("{publisher} 翻刻版", "{publisher} edition"),
    # the renderer (behaviours.py, render.py, models.py): hover texts, aria-labels, search-only text
    "render.link_paragraph": ("この段落 ({id}) へのリンク", "Link to this paragraph ({id})"),
    "render.link_note": ("この書き込みへのリンク", "Link to this annotation"),
    "render.link_turn": ("この発言へのリンク", "Link to this speech"),
    "render.page": ("{n}ページ目", "Page {n}"),
    "render.page_cert": ("{n}ページ目 (推定の位置)", "Page {n} (position estimated)"),
    "render.page_midword": ("、語の途中", ", in the middle of a word"),
    "fw.header": ("柱 (ページ上部の見出し)", "Running head (at the top of the page)"),
    "fw.web": ("ウェブページの付属物", "Web page furniture"),
    "fw.footer": ("ページ下部", "Foot of the page"),
    "fw.other": ("付属物", "Page furniture"),
    "cert.high": ("高", "high"),
    "cert.medium": ("中", "medium"),
    "cert.low": ("低", "low"),
    "choice.kana": ("旧仮名遣い (検索用の現代表記: {reg})", "Historical kana spelling (modern form for search: {reg})"),
    "choice.corr": ("校訂: {sic} → {corr}", "Corrected: {sic} → {corr}"),
    "choice.cert": (" (確度 {cert})", " (certainty {cert})"),
    "choice.spacing": ("字間を詰めた表記 (原文は字間あり)", "Spacing closed up (spaced out in the original)"),
    "unclear.title": ("判読不確実", "Uncertain reading"),
    "unclear.ocr": ("OCR", "OCR"),
    "unclear.garbled": ("OCR で崩れた書式", "layout garbled by OCR"),
    "unclear.cert": (", 確度 {cert}", ", certainty {cert}"),
    "title.supplied": ("編者による補い", "Supplied by the editors"),
    "title.metamark": ("記号 (挿入など)", "Metamark (an insertion sign or the like)"),
    "title.del": ("抹消", "Deleted"),
    "title.add": ("加筆", "Added"),
    "title.approval": ("承認の印 (了)", "Approval mark"),
    "redaction.label": ("墨塗り: 非開示", "Redacted: withheld"),
    "redaction.unknown": (" (範囲不明)", " (extent unknown)"),
    "boxes.label": ("空欄の枠 {count}個 (文字ではない印)", "{count} empty {count:box|boxes} (marks, not letters)"),
    "gap.illegible": ("判読不能", "Illegible"),
    "gap.damage": ("損傷", "Damaged"),
    "gap.other": ("欠落", "Missing"),
    "gap.mark": ("〓", "▯"),
    "note.annotation": ("書き込み", "Annotation"),
    "note.note": ("注", "Note"),
    "stamps.label": ("印影", "Stamps"),
    "stamp.title": ("印: {kind}", "Stamp: {kind}"),
    "stamp.classification": ("区分", "classification"),
    "stamp.retention": ("保存期間", "retention period"),
    "stamp.copy": ("部数", "copy number"),
    "stamp.series": ("番号", "number"),
    "stamp.other": ("印", "stamp"),
    "form.default": ("書式", "Form"),
    "form.note": ("［書式欄 (OCR で崩れているため閲読表示では省略): {desc}］",
                  "[Form fields (garbled by OCR: left out of the reading text): {desc}]"),
    "date.internal": (" (文脈から補った日付)", " (date supplied from the context)"),
    "render.hand": ("筆跡 {hand}", "Hand {hand}"),
    "search.variants": ("検索用表記: {words}", "Forms for search: {words}"),
    "search.names": ("索引の表記: {names}", "Forms in the index: {names}"),
    # an entity's page, the register lists (entity.html.j2, entity_list.html.j2)
    "entity.names": ("表記", "Forms of the name"),
    "entity.roles": ("役職・肩書", "Offices and titles"),
    "entity.note": ("説明", "Description"),
    "entity.mentions": ("出現", "Mentions"),
    "entity.mentions_count": ("{total} 回 ({places} 文書)",
                              "{total} {total:mention|mentions} in {places} {places:document|documents}"),
    "entity.mentions_heading": ("出現箇所", "Mentions"),
    "entity.mentions_page": ("出現箇所 ({n}/{count})", "Mentions ({n} of {count})"),
    "entity.mentions_title": ("{name} — 出現箇所 ({n}/{count})", "{name} — mentions ({n} of {count})"),
    "entity.none": ("本文中の出現はありません。", "Not mentioned in the texts."),
    "entity.group_count": ("{n} 回", "{n} {n:mention|mentions}"),
    "entity.document": ("文書", "document"),
    "entity_list.empty": ("この種類の項目はまだありません。", "No entries of this kind yet."),
    # chronology
    "chrono.lead_html": ("TEI の <code>&lt;date&gt;</code> (本文と文書の目録情報) を日付順に並べたものです "
                         "(年の分からない日付は除きます)。各項目から該当段落へ移動できます。",
                         "The <code>&lt;date&gt;</code> elements of the TEI (in the texts and in the documents' "
                         "catalogue data), in date order (dates without a year are left out). Each item links "
                         "to its paragraph."),
    "chrono.empty": ("日付はまだありません。", "No dates yet."),
    "chrono.year": ("{year}年", "{year}"),
    "chrono.catalogue": ("目録", "catalogue"),
    "chrono.text": ("本文", "text"),
    # the about page
    "about.how": ("エディションの作り方", "How this edition is made"),
    "about.how1_html": ("各資料は受け取ったままのテキスト (<code>sources/*.txt</code>、変更しない) と編者の設定 (<code>*.toml</code>) "
                        "から、honkoku が TEI P5 に変換したものです (<code>tei/*.xml</code>)。このサイトはその TEI だけから作られ、"
                        "テキストから直接作られることはありません。",
                        "Each source is the text as received (<code>sources/*.txt</code>, never changed) and the "
                        "editors' settings (<code>*.toml</code>), converted by honkoku into TEI P5 "
                        "(<code>tei/*.xml</code>). This site is made from that TEI alone, never from the texts "
                        "directly."),
    "about.how2_html": ("本文は二つの表示で読めます。<strong>閲読版</strong>は編者の訂正 (<code>corr</code>)・字間の正規化 "
                        "(<code>reg</code>) を適用し、柱 (<code>fw</code>) や OCR で崩れた書式欄を省きます。<strong>原文版</strong>は"
                        "誤記 (<code>sic</code>)・字間・柱・書式欄を原文どおりに示します。どちらの表示でも墨塗り・空欄・手書き・抹消・印は"
                        "区別して示されます。検索は閲読版の本文を対象とします。",
                        "The text can be read in two views. The <strong>reading text</strong> applies the editors' "
                        "corrections (<code>corr</code>) and normalised spacing (<code>reg</code>) and leaves out "
                        "running heads (<code>fw</code>) and form fields garbled by OCR. The <strong>diplomatic "
                        "transcription</strong> shows errors (<code>sic</code>), spacing, running heads and form "
                        "fields as in the original. Both views set apart redactions, empty boxes, handwriting, "
                        "deletions and stamps. Search covers the reading text."),
    "about.how3_html": ("段落・発言・ページには安定した ID があります: 段落はソースの開始行 (<code>#p-L34</code>)、ページは通し番号 "
                        "(<code>#p3</code>)、文書は <code>#d1</code>。引用にはこれらのアドレスをお使いください。",
                        "Paragraphs, speeches and pages have stable ids: a paragraph its first line in the source "
                        "(<code>#p-L34</code>), a page its number (<code>#p3</code>), a document "
                        "<code>#d1</code>. Please cite these addresses."),
    "about.legend": ("凡例", "Legend"),
    "about.encoding_html": ("符号化の方針 (TEI ヘッダー <code>encodingDesc</code> より)",
                            "Encoding principles (from the TEI header's <code>encodingDesc</code>)"),
    "about.files": ("{count} ファイル", "{count} {count:file|files}"),
    "about.tags_html": ("要素の使用数 (<code>tagsDecl/tagUsage</code> の合計) と表示規則",
                        "Elements used (the sums of <code>tagsDecl/tagUsage</code>) and how they are shown"),
    "about.tags_note_html": ("表示規則は <code>honkoku.site.models.MODELS</code> の該当項目です (behaviour · CSS クラス · 表示)。",
                             "The rule is the element's entry in <code>honkoku.site.models.MODELS</code> "
                             "(behaviour · CSS class · view)."),
    "about.col_element": ("要素", "Element"),
    "about.col_total": ("出現数", "Occurrences"),
    "about.col_files": ("ファイル数", "Files"),
    "about.col_rule": ("表示規則", "Rule"),
    "about.classes_html": ("分類 (<code>classDecl</code>)", "Classification (<code>classDecl</code>)"),
    "about.hands_html": ("筆跡 (<code>handNote</code>)", "Hands (<code>handNote</code>)"),
    "about.calendars_html": ("暦 (<code>calendarDesc</code>)", "Calendars (<code>calendarDesc</code>)"),
    "about.software": ("ソフトウェアとライセンス", "Software and licences"),
    "about.app": ("honkoku (変換): {app}", "honkoku (conversion): {app}"),
    "about.display": ("表示: MkDocs Material、検索: Pagefind。外部へのリクエストはありません (フォントは閲覧者の端末のものを使います)。",
                      "Display: MkDocs Material; search: Pagefind. The site makes no requests to other hosts "
                      "(it uses the fonts of the reader's device)."),
    "rule.default": ("inline (既定)", "inline (default)"),
    "rule.reading": ("閲読版のみ", "reading text only"),
    "rule.diplomatic": ("原文版のみ", "diplomatic only"),
    "rule.if": ("条件 {name}", "if {name}"),
    # search and downloads pages, the search script
    "search.title": ("全文検索", "Full-text search"),
    "search.lead": ("閲読版の本文 (訂正後・字間正規化) と索引の表記を検索します。旧仮名の促音 (あつた ≈ あった)、ヴ/ブ (ラヴロフ ≈ ラブロフ) は"
                    "同一視します。",
                    "Searches the reading text (corrected, spacing normalised) and every form of the names in the "
                    "index."),
    "search.noscript_html": ('検索には JavaScript が必要です。<a href="{base}downloads/">全資料 (zip)</a> もご利用ください。',
                             'Search needs JavaScript. You can also download <a href="{base}downloads/">all sources '
                             '(zip)</a>.'),
    "search.disabled_html": ("この版は検索索引なしで作成されました (<code>honkoku site --no-search</code>)。",
                             "This edition was built without a search index (<code>honkoku site --no-search</code>)."),
    "search.placeholder": ("検索語 (例: 極秘、ラヴロフ、中平)", "Search the texts and the index"),
    "downloads.lead": ("本文の符号化 (TEI P5) と原テキストは再利用できます。各資料のページにも個別のダウンロードがあります。",
                       "The encoded texts (TEI P5) and the source texts are yours to reuse. Each source's page has "
                       "its own downloads too."),
    "downloads.zip": ("全資料 (zip, {size})", "All sources (zip, {size})"),
    "downloads.zip_note_html": ("TEI ファイル (<code>tei/</code>)、原テキストと設定 (<code>sources/</code>)。同じ内容からは常に同じ zip が"
                                "作られます。",
                                "the TEI files (<code>tei/</code>), the source texts and their settings "
                                "(<code>sources/</code>). The same content always makes the same zip."),
    "downloads.register": ("(索引の TEI)", "(the index, TEI)"),
    "downloads.licence_html": ("ライセンス: 符号化には各 TEI ファイルの <code>licence</code> が適用されます (原資料そのものには及びません)。",
                               "Licence: the encoding is under each TEI file's <code>licence</code> (which does not "
                               "extend to the original documents)."),
}

LANGUAGES = ("ja", "en")
CATALOGUES: dict[str, dict[str, str]] = {lang: {key: texts[i] for key, texts in MESSAGES.items()}
                                         for i, lang in enumerate(LANGUAGES)}


def ui_language(theme_language: object) -> str:
    """The site's interface language for MkDocs' ``theme.language``: "ja" for ja, ja-JP, ja_JP and
    for no setting (honkoku's default); "en" for any other language."""
    code = str(theme_language or "ja").strip().lower().replace("_", "-").split("-")[0]
    return "ja" if code in ("", "ja") else "en"


class _Formatter(string.Formatter):
    """str.format, and ``{n:one|other}``: "one" when n is 1, else "other"."""

    def format_field(self, value, format_spec):
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            return one if value == 1 else other
        return super().format_field(value, format_spec)


_FORMAT = _Formatter()


class Messages:
    """One language's catalogue: ``msg("key", name=value)`` is the text (Markup for ``_html`` keys)."""

    def __init__(self, language: str = "ja"):
        self.lang = ui_language(language)
        self.table = CATALOGUES[self.lang]

    def __repr__(self) -> str:
        return f"Messages({self.lang!r})"

    def __call__(self, key: str, **values):
        text = self.table[key]
        if key.endswith("_html"):
            if values:
                text = _FORMAT.vformat(text, (), {k: escape(v) if isinstance(v, str) else v
                                                  for k, v in values.items()})
            return Markup(text)
        return _FORMAT.vformat(text, (), values) if values else text

    def label(self, group: str, code: str, default: str | None = None) -> str:
        """The name of a code from the TEI (``label("type", "telegram")``): ``default`` (the code itself if
        not given) when the catalogue has none."""
        return self.table.get(f"{group}.{code}", code if default is None else default)

    def type_label(self, division) -> str:
        """A division's kind: its @subtype's name, else its @type's, else the code itself."""
        table = self.table
        return (table.get(f"type.{division.subtype}") or table.get(f"type.{division.type}") or division.subtype
                or division.type)

    def hand(self, script: str, note: str) -> str:
        """A hand as the site describes it: its script's name and the handNote's text."""
        return " — ".join(x for x in (self.table.get(f"script.{script}", "") if script else "", note) if x)


JA = Messages("ja")
EN = Messages("en")


def placeholders(text: str) -> set[str]:
    """The names of a value's placeholders (for the test that both languages use the same ones)."""
    return {name for _, name, _, _ in _FORMAT.parse(text) if name}
