"""The editor's workbench: what an editor (not a programmer) needs to grow the edition.

- ``new``: add a source (copy the text, write a commented sidecar skeleton, report at once);
- ``check``: diagnostics per source in ``file:line:col: severity: message`` form (or JSON);
- ``worklist`` / ``reference``: the editor pages of the site (findings, statistics,
  the sidecar reference and the list of markers, generated from the code);
- ``serve``: live preview, rebuilding what changed;
- ``progress``: the progress bar and the summary table of long builds.

Nothing here changes how TEI is made: it runs the same ``source.read`` and
passes as the build, and only reads their results.
"""
