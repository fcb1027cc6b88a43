"""What users type, checked the same way by every command that takes a link or words."""

from musicbot.application.errors import InvalidQuery


def clean_request(text: str, *, max_length: int, missing: str | None) -> str:
    """`text` with its spacing collapsed; `InvalidQuery` with `missing` when empty (`None`: empty is fine), or
    when too long."""
    request = " ".join(text.split())
    if not request and missing is not None:
        raise InvalidQuery(missing)
    if len(request) > max_length:
        raise InvalidQuery(f"that request is too long (at most {max_length} characters)")
    return request
