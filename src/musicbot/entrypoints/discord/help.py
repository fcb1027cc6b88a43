"""One table of the slash commands: their descriptions on Discord and the /help list come from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CommandHelp:
    name: str
    usage: str
    description: str  # at most 100 characters: Discord's limit for a command description
    section: str


COMMANDS: tuple[CommandHelp, ...] = (
    CommandHelp(
        "play", "/play query:<link or words>", "Play a link or a search result; no query: the active playlist", "Music"
    ),
    CommandHelp(
        "playnext", "/playnext query:<link or words>", "Queue a song to play right after this one", "Listening"
    ),
    CommandHelp("search", "/search words:<words>", "Five search results to pick from", "Listening"),
    CommandHelp("aplay", "/aplay url:<playlist link>", "Queue a whole playlist, album or feed", "Music"),
    CommandHelp(
        "recommend",
        "/recommend prompt:<words> for:<me|server>",
        "Songs for a mood, genre, activity or artist, or for your Spotify taste, to queue",
        "Music",
    ),
    CommandHelp("radio", "/radio mode:<on|off>", "Keep the queue going with songs like what played", "Music"),
    CommandHelp("pause", "/pause", "Pause the song", "Music"),
    CommandHelp("resume", "/resume", "Continue the paused song", "Music"),
    CommandHelp("skip", "/skip", "Skip the song (others vote when more people listen)", "Music"),
    CommandHelp("back", "/back", "Play the song before again, then this one", "Listening"),
    CommandHelp("replay", "/replay", "Start the song over", "Listening"),
    CommandHelp("grab", "/grab", "Get the song playing in your direct messages", "Listening"),
    CommandHelp("skipto", "/skipto index:<n>", "Jump to song n of the queue", "Music"),
    CommandHelp("stop", "/stop", "Stop and clear the queue", "Music"),
    CommandHelp("seek", "/seek position:<1:23, seconds, +10 or -30>", "Jump within the song", "Music"),
    CommandHelp("volume", "/volume level:<0-200>", "Set the volume in %", "Music"),
    CommandHelp(
        "filter",
        "/filter preset:<bass-high|nightcore|speed|...> amount:<0.5-2>",
        "Bass boost, nightcore, vaporwave, 8D, speed, pitch, EQ; kept for the server",
        "Listening",
    ),
    CommandHelp(
        "lyrics", "/lyrics query:<artist and title> live:<true>", "The song's lyrics (live, line by line)", "Listening"
    ),
    CommandHelp("nowplaying", "/nowplaying", "The song playing, with a progress bar and controls", "Music"),
    CommandHelp("queue", "/queue page:<n>", "Show the queue, ten songs a page", "Queue"),
    CommandHelp("repeat", "/repeat mode:<off|track|queue>", "Repeat nothing, the song, or the whole queue", "Queue"),
    CommandHelp("shuffle", "/shuffle", "Shuffle the upcoming songs", "Queue"),
    CommandHelp("dequeue", "/dequeue index:<n>", "Remove song n from the queue", "Queue"),
    CommandHelp("move", "/move from:<n> to:<n>", "Move a song to another place in the queue", "Queue"),
    CommandHelp("remove-dupes", "/remove-dupes", "Drop songs queued twice", "Queue"),
    CommandHelp("fairqueue", "/fairqueue mode:<on|off>", "Songs take turns by who asked: one each per round", "Queue"),
    CommandHelp("clear", "/clear", "Drop the upcoming songs", "Queue"),
    CommandHelp("create", "/create name:<name>", "Make a new, empty playlist", "Playlists"),
    CommandHelp("add", "/add song:<link or words>", "Add a song to the active playlist (checked first)", "Playlists"),
    CommandHelp("addto", "/addto playlist:<name> song:<link or words>", "Add a song to a playlist", "Playlists"),
    CommandHelp("remove", "/remove playlist:<name> index:<n>", "Remove song n from a playlist", "Playlists"),
    CommandHelp("use", "/use playlist:<name>", "Make a playlist active and queue it", "Playlists"),
    CommandHelp("playlist", "/playlist name:<name>", "Show a playlist's songs, page by page", "Playlists"),
    CommandHelp("playlists", "/playlists", "List this server's playlists", "Playlists"),
    CommandHelp("delete", "/delete name:<name>", "Delete a playlist (asks to confirm)", "Playlists"),
    CommandHelp("savequeue", "/savequeue name:<name>", "Keep the current queue as a new playlist", "Playlists"),
    CommandHelp("export", "/export name:<name>", "Get a playlist as a JSON file", "Playlists"),
    CommandHelp("import", "/import file:<json> name:<name>", "Make a playlist from an exported file", "Playlists"),
    CommandHelp("join", "/join", "Come to your voice channel", "Voice"),
    CommandHelp("leave", "/leave", "Leave the voice channel and drop the queue", "Voice"),
    CommandHelp("247", "/247 mode:<on|off>", "Stay in the voice channel when idle or alone (Manage Server)", "Voice"),
    CommandHelp(
        "settings",
        "/settings show|volume|repeat|autoleave|djrole|musicchannel",
        "This server's settings, kept across restarts (Manage Server)",
        "Voice",
    ),
    CommandHelp("help", "/help", "This list", "Voice"),
    CommandHelp(
        "spotify",
        "/spotify connect|finish|status|disconnect|save",
        "Link your Spotify account, see or remove the link, save songs as a playlist in it",
        "Bot",
    ),
    CommandHelp("forgetme", "/forgetme", "Delete everything the bot keeps about you", "Bot"),
    CommandHelp("stats", "/stats", "Your songs and recommendations, and your recommendation limit", "Bot"),
    CommandHelp(
        "admin", "/admin stats|health|performance|logs", "The bot's stats, health, latencies and logs (owner)", "Bot"
    ),
)

_BY_NAME = {command.name: command for command in COMMANDS}


def describe(name: str) -> str:
    """The description of command `name` (a KeyError for a command missing from the table)."""
    return _BY_NAME[name].description


def sections() -> dict[str, list[CommandHelp]]:
    grouped: dict[str, list[CommandHelp]] = {}
    for command in COMMANDS:
        grouped.setdefault(command.section, []).append(command)
    return grouped
