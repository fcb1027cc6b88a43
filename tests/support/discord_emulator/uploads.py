"""Files a member attaches to a slash command's attachment option (option type 11).

Discord uploads the file first, then sends the interaction with the option's value set to an attachment id and
the attachment itself (id, filename, size, url, content type) in `data.resolved.attachments`; the bot downloads
it from the CDN URL. The emulator keeps the bytes in `state.uploads` and serves them at the same
`/attachments/{channel}/{id}/{filename}` route as the bot's own files.

    await emu.slash(guild, alice, "import", {"file": UserFile("mix.json", data)}, channel="music")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tests.support.discord_emulator import payloads
from tests.support.discord_emulator.model import JSON, Attachment

if TYPE_CHECKING:
    from tests.support.discord_emulator.state import EmulatorState


@dataclass(frozen=True, slots=True)
class UserFile:
    filename: str
    data: bytes
    content_type: str = "application/octet-stream"


def upload(state: EmulatorState, channel_id: int, file: UserFile) -> tuple[str, JSON]:
    """Store `file` as an attachment of the interaction; its id (the option's value) and its resolved object."""
    attachment = Attachment(id=state.new_id(), filename=file.filename, data=file.data, content_type=file.content_type)
    state.uploads[attachment.id] = attachment
    resolved = payloads.attachment(attachment, state.base_url, channel_id) | {"ephemeral": True}
    return str(attachment.id), resolved
