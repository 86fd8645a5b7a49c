"""The reader's edition: TEI files -> pages in docs/ -> MkDocs Material site in site/.

Runs after the TEI build (``honkoku tei``); reads only tei/*.xml (and copies
sources/*.txt for download), never the plain text, so everything the site
shows is what the TEI says. Modules, in the order they run:

- ``corpus``: load every TEI file into Sources, Divisions and the merged registers;
- ``models`` + ``behaviours`` + ``render``: the declarative renderer (TEI
  Processing Model style: one rule per element);
- ``pages``: document, browse, register, chronology and about pages (Jinja2);
- ``cite``, ``downloads``, ``searchtext``: citations, corpus files, search folding;
- ``build``: writes docs/, runs MkDocs (strict), Pagefind and the link check;
- ``command``: the ``honkoku site`` subcommand.
"""
