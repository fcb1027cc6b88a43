"""Saved playlists: each command is one unit of work; queueing their (light) tracks goes through the preparer."""

from __future__ import annotations

from dependency_injector import containers, providers

from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playlists.add import AddToPlaylist
from musicbot.application.playlists.autocomplete import AutocompletePlaylists
from musicbot.application.playlists.common import PlaylistLimits
from musicbot.application.playlists.create import CreatePlaylist
from musicbot.application.playlists.delete import DeletePlaylist
from musicbot.application.playlists.export import ExportPlaylist
from musicbot.application.playlists.importing import ImportPlaylist
from musicbot.application.playlists.list import ListPlaylists
from musicbot.application.playlists.play import PlayPlaylist
from musicbot.application.playlists.remove import RemoveFromPlaylist
from musicbot.application.playlists.save_queue import SaveQueueAsPlaylist
from musicbot.application.playlists.show import ShowPlaylist
from musicbot.application.playlists.use import UsePlaylist
from musicbot.application.queue.queue_tracks import QueueTracks
from musicbot.application.sources.catalog_resolver import CatalogAwareResolver
from musicbot.application.storage import UnitOfWorkFactory
from musicbot.application.support.clock import Clock
from musicbot.entrypoints.services import PlaylistServices
from musicbot.entrypoints.settings import Settings


class Playlists(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    uow_factory: providers.Dependency[UnitOfWorkFactory] = providers.Dependency()
    sources: providers.Dependency[CatalogAwareResolver] = providers.Dependency()
    registry: providers.Dependency[PlayerRegistry] = providers.Dependency()
    preparer: providers.Dependency[SongPreparer] = providers.Dependency()

    # Saved playlists: each command is one unit of work.
    playlist_limits = providers.Singleton(
        PlaylistLimits,
        max_tracks=settings.provided.max_playlist_size,
        max_playlists=settings.provided.max_playlists_per_guild,
    )
    playlists = providers.Singleton(
        PlaylistServices,
        create=providers.Factory(CreatePlaylist, uow_factory, limits=playlist_limits),
        add=providers.Factory(AddToPlaylist, uow_factory, sources, max_query_length=settings.provided.max_query_length),
        remove=providers.Factory(RemoveFromPlaylist, uow_factory),
        use=providers.Factory(UsePlaylist, uow_factory),
        play=providers.Factory(
            PlayPlaylist,
            registry=registry,
            use=providers.Factory(UsePlaylist, uow_factory),
            show=providers.Factory(ShowPlaylist, uow_factory),
            queue_tracks=providers.Factory(QueueTracks, registry=registry, preparer=preparer),
        ),
        show=providers.Factory(ShowPlaylist, uow_factory),
        list=providers.Factory(ListPlaylists, uow_factory),
        delete=providers.Factory(DeletePlaylist, uow_factory),
        autocomplete=providers.Factory(AutocompletePlaylists, uow_factory),
        save_queue=providers.Factory(SaveQueueAsPlaylist, uow_factory, registry, limits=playlist_limits),
        export=providers.Factory(ExportPlaylist, uow_factory, clock),
        import_=providers.Factory(ImportPlaylist, uow_factory, limits=playlist_limits),
        queue_tracks=providers.Factory(QueueTracks, registry=registry, preparer=preparer),
    )
