"""Turn a raw page's bytes into text: UTF-8 (with or without BOM) or GB18030, newlines as LF, or a clear refusal."""

from ...errors import BadPage

UTF8_BOM = b"\xef\xbb\xbf"

# Control bytes that plain text may carry: tab, line feed, vertical tab, form feed, carriage return.
TEXT_CONTROLS = frozenset(b"\t\n\v\f\r")

# A page is binary when more than this share of its bytes are other control bytes (1 byte in 50).
BINARY_CONTROL_SHARE = 0.02


def decode(data: bytes, path: str) -> str:
    """Return the page's text with the BOM stripped and CRLF/CR turned into LF; raise BadPage if it is not text."""
    refuse_binary(data, path)
    text = normalize_newlines(decode_text(data, path))
    if not text.strip():
        raise BadPage(path, None, "empty", "a page must hold some text; this one is empty or only whitespace")
    return text


def refuse_binary(data: bytes, path: str) -> None:
    """Raise BadPage (rule "binary") if the bytes hold a NUL or too many control bytes to be text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BadPage(path, line_of(data, nul), "binary",
                      f"a page must be text, not binary data; byte 0x00 (NUL) at offset {nul}")
    controls = sum(1 for byte in data if (byte < 0x20 or byte == 0x7F) and byte not in TEXT_CONTROLS)
    if data and controls / len(data) > BINARY_CONTROL_SHARE:
        raise BadPage(path, None, "binary",
                      f"a page must be text, not binary data; {controls} of its {len(data)} bytes are control bytes")


def decode_text(data: bytes, path: str) -> str:
    """Decode as UTF-8 (a BOM requires it), else as GB18030; raise BadPage (rule "encoding") if neither fits."""
    if data.startswith(UTF8_BOM):
        try:
            return data[len(UTF8_BOM):].decode("utf-8")
        except UnicodeDecodeError as error:
            offset = error.start + len(UTF8_BOM)
            raise BadPage(path, line_of(data, offset), "encoding",
                          f"a page that starts with a UTF-8 byte order mark must be UTF-8; "
                          f"byte 0x{data[offset]:02X} at offset {offset} is not") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return strip_bom(data.decode("gb18030"))
        except UnicodeDecodeError as gb_error:
            # The encoding that read further is the page's likely one; its first bad byte is the one to show.
            offset = max(utf8_error.start, gb_error.start)
            raise BadPage(path, line_of(data, offset), "encoding",
                          f"a page must be text in UTF-8 or GB18030; "
                          f"byte 0x{data[offset]:02X} at offset {offset} is neither") from None


def strip_bom(text: str) -> str:
    """Drop a leading U+FEFF (a BOM that survived decoding, as GB18030 encodes it)."""
    return text[1:] if text.startswith("\ufeff") else text


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_of(data: bytes, offset: int) -> int:
    """Return the 1-based line number of a byte offset, counting LF, CRLF and lone CR as line ends."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
