"""What `/spotify` and `/forgetme` show: plain sentences, never a token."""

from __future__ import annotations

import discord

from musicbot.application.spotify_accounts.connect import SignIn
from musicbot.application.spotify_accounts.manage import Forgotten, LinkStatus
from musicbot.application.spotify_accounts.model import LinkedAccount
from musicbot.application.spotify_accounts.save import SavedPlaylist

SPOTIFY_GREEN = discord.Colour(0x1DB954)


def sign_in(link: SignIn, *, web_callback: bool) -> discord.Embed:
    if web_callback:
        steps = "Open the link, sign in to Spotify and agree: you are linked as soon as the page says so."
    else:
        steps = (
            "1. Open the link, sign in to Spotify and agree.\n"
            "2. Your browser then shows an address (the page itself may not load): copy that whole address.\n"
            "3. Press **Paste the address** (or use `/spotify finish`) and paste it."
        )
    text = f"{steps}\n\nThe link works once, for you only, for {link.minutes} minutes."
    return discord.Embed(title="Link your Spotify account", description=text, colour=SPOTIFY_GREEN)


def linked(account: LinkedAccount) -> discord.Embed:
    who = account.display_name or account.account_id
    text = (
        f"Linked to Spotify as **{discord.utils.escape_markdown(who)}**. Try `/recommend for:me`; "
        "`/spotify disconnect` removes the link."
    )
    return discord.Embed(description=text, colour=SPOTIFY_GREEN)


def status(found: LinkStatus) -> discord.Embed:
    if not found.linked:
        return discord.Embed(description="Your Spotify account is not linked: use `/spotify connect`.")
    embed = discord.Embed(title="Your Spotify link", colour=SPOTIFY_GREEN)
    embed.add_field(name="Account", value=discord.utils.escape_markdown(found.display_name or found.account_id or "?"))
    if found.linked_at is not None:
        embed.add_field(name="Linked", value=discord.utils.format_dt(found.linked_at, "R"))
    refreshed = found.profile_refreshed_at
    embed.add_field(
        name="Taste profile", value=discord.utils.format_dt(refreshed, "R") if refreshed else "not read yet"
    )
    if found.profile_artists:
        embed.add_field(name="Top artists", value=", ".join(found.profile_artists)[:1000], inline=False)
    embed.set_footer(text="Links end six months after connecting; Spotify then asks you to connect again.")
    return embed


def disconnected(deleted: dict[str, int]) -> discord.Embed:
    if not any(deleted.values()):
        return discord.Embed(description="Your Spotify account was not linked; nothing to remove.")
    return discord.Embed(description="Unlinked: your Spotify tokens and taste profile are deleted.")


def forgotten(result: Forgotten) -> discord.Embed:
    lines = [f"- {label}: {count}" for label, count in result.deleted.items()]
    kept = [f"- {what}" for what in result.kept]
    text = "Deleted:\n" + "\n".join(lines) + "\n\nWhat stays:\n" + "\n".join(kept)
    return discord.Embed(title="Everything the bot kept about you is deleted", description=text)


def saved(result: SavedPlaylist) -> discord.Embed:
    text = (
        f"Saved **{discord.utils.escape_markdown(result.name)}** to your Spotify ({result.saved} songs): {result.url}"
    )
    if result.missing:
        shown = ", ".join(result.missing[:5]) + (" …" if len(result.missing) > 5 else "")
        text += f"\nNot on Spotify ({len(result.missing)}): {discord.utils.escape_markdown(shown)}"
    return discord.Embed(description=text, colour=SPOTIFY_GREEN)
