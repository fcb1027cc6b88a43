"""Recommendations from plain words: an intent (by an AI service or the offline lexicon), candidates from search
and the server's own listening history, and a ranking that keeps variety. Radio reuses the same path.
"""
