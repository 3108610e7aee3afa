"""CSV cells a spreadsheet will not run: neutralised on the way out, restored on the way in.

A spreadsheet runs a cell that starts with ``= + - @`` as a formula (tab and carriage return
shift one into place), so an organisation named ``=HYPERLINK(...)`` could execute or leak data
when a coordinator opens the export. Such cells get a leading apostrophe, which spreadsheets
read as "text"; the import takes it off again, so an export imports back unchanged.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """A cell as ``neutralise`` wrote it, back to its value."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
