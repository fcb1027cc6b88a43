"""Members' own Spotify accounts: linking (OAuth with PKCE), tokens, taste profiles, saving playlists, forgetting."""
