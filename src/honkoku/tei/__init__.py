"""TEI: weave spans into elements, build the header, serialise, recover the text."""

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def attr_name(name: str) -> str:
    return f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml:") else name
