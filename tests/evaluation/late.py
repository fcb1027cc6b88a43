"""A third part, written after the reader was finished and scored once as it came out: never tuned against.

The held-out part (`heldout.py`) was written by the same person as the lexicons, before tuning; this one was
written afterwards, on purpose with phrasings the reader had not been shown (more slang, mixed languages, longer
messages), to see how it does on requests nobody prepared it for. Labels use the notation of `cases.py`.
"""

from __future__ import annotations

from tests.evaluation.cases import Case

C = Case.of

# fmt: off
LATE: tuple[Case, ...] = (
    C("negation", "i need workout music, absolutely no country", "a=workout; -g=country; en=high"),
    C("negation", "throw on some indie, but skip anything sad", "g=indie; -m=sad"),
    C("negation", "hip hop that isnt trap", "g=hip hop; -g=trap"),
    C("negation", "chill stuff w/o lyrics for reading", "m=chill; a=study; inst; en=low"),
    C("negation", "any rock thats not grunge", "g=rock; -g=grunge"),
    C("negation", "reggaeton no, salsa sí", "g=salsa; -g=reggaeton"),
    C("negation", "électro mais pas de techno", "g=electronic; -g=techno"),
    C("negation", "keine traurigen lieder bitte", "-m=sad"),
    C("negation", "lofi but nothing too mellow", "g=lo-fi; -m=chill"),
    C("negation", "musik zum joggen ohne rap", "a=running; -g=rap; en=high"),
    C("chat", "ayo thanks bot", "chat"),
    C("chat", "this song slaps", "chat"),
    C("chat", "bot ur the best", "chat"),
    C("chat", "turn it down a bit", "chat"),
    C("chat", "brb", "chat"),
    C("chat", "muchas gracias!!", "chat"),
    C("chat", "danke schön", "chat"),
    C("chat", "wkwkwk", "chat"),
    C("reference", "anything similar to lana del rey", "ar=Lana Del Rey"),
    C("reference", "more tyler the creator pls", "ar=Tyler The Creator"),
    C("reference", "daft punk type beat", "ar=Daft Punk"),
    C("reference", "songs that sound like glass animals", "ar=Glass Animals"),
    C("reference", "something in the style of hans zimmer for studying", "ar=Hans Zimmer; a=study; en=low"),
    C("reference", "algo como karol g para la fiesta", "ar=Karol G; a=party; en=high"),
    C("reference", "qqch comme PNL", "ar=PNL"),
    C("reference", "lagu mirip sheila on 7", "ar=Sheila On 7"),
    C("reference", "nhạc giống hoàng thùy linh", "ar=Hoàng Thùy Linh"),
    C("reference", "gimme more of the arctic monkeys", "ar=Arctic Monkeys"),
    C("language", "música para correr", "a=running; en=high"),
    C("language", "canciones para cocinar", "a=cooking"),
    C("language", "música triste pra ouvir na chuva", "m=sad, rainy day"),
    C("language", "músicas anos 80 pra dançar", "a=dance; e=1980-1989"),
    C("language", "fröhliche musik zum aufräumen", "m=happy; a=cleaning"),
    C("language", "chansons d'amour des années 90", "m=romantic; e=1990-1999"),
    C("language", "musica per rilassarsi", "m=chill"),
    C("language", "nhạc buồn thập niên 2000", "m=sad; e=2000-2009"),
    C("language", "lagu buat nyetir malam", "a=driving"),
    C("language", "ochitsuku ongaku", "m=chill; en=low"),
    C("language", "kpop para bailar", "g=k-pop; a=dance; l=ko"),
    C("energy", "really upbeat jazz", "g=jazz; m=energetic; en=high"),
    C("energy", "calm down music for the gym after leg day", "m=calm; a=workout; en=low"),
    C("energy", "something slower than this", "m=chill; en=low"),
    C("energy", "more hype pls", "m=energetic; en=high"),
    C("energy", "low key rnb for a late night drive", "g=r&b; m=chill; a=driving; en=low"),
    C("era", "mid 2000s pop punk", "g=punk; e=2003-2006"),
    C("era", "70s and 80s disco", "g=disco; e=1970-1979, 1980-1989"),
    C("era", "songs from the 60s", "e=1960-1969"),
    C("era", "2010 bangers", "m=energetic; e=2010-2010; en=high"),
    C("slang", "sumthin jazzy", "g=jazz"),
    C("slang", "da best phonk", "g=phonk"),
    C("slang", "sad bops", "m=sad"),
    C("slang", "lo fi 4 studyin", "g=lo-fi; a=study; en=low"),
    C("slang", "regeton", "g=reggaeton"),
    C("slang", "hiphopp", "g=hip hop"),
    C("slang", "countyr music", "g=country"),
    C("plain", "music for a dinner party", "a=dinner; en=low"),
    C("plain", "acoustic covers for a coffee shop", "g=acoustic"),
    C("plain", "epic orchestral music", "g=classical; m=epic"),
    C("plain", "gospel for sunday morning", "g=gospel; a=morning"),
    C("plain", "video game soundtracks", "g=video game, soundtrack"),
)
# fmt: on
