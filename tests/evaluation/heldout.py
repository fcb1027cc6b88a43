"""The held-out part of the request evaluation: written before any tuning and never tuned against.

Phrased the way members type on Discord (lower case, slang, typos, no punctuation, eight languages). The reader
was changed only while looking at `tuned.py`; this part is scored and reported as it comes out, failures
included. Labels use the notation of `cases.py`.
"""

from __future__ import annotations

from tests.evaluation.cases import Case

C = Case.of

# fmt: off
HELDOUT: tuple[Case, ...] = (
    # negation
    C("negation", "some rock pls but no metal", "g=rock; -g=metal"),
    C("negation", "anything except rap", "-g=rap"),
    C("negation", "edm without dubstep", "g=edm; -g=dubstep"),
    C("negation", "indie stuff, not too sad", "g=indie; -m=sad"),
    C("negation", "rap but nothing too slow", "g=rap; -m=chill"),
    C("negation", "no country please", "-g=country"),
    C("negation", "jazz no vocals", "g=jazz; inst"),
    C("negation", "study music with no lyrics", "a=study; inst"),
    C("negation", "pop but not taylor swift", "g=pop; -ar=Taylor Swift"),
    C("negation", "party songs except reggaeton", "a=party; -g=reggaeton"),
    C("negation", "anything but sad songs", "-m=sad"),
    C("negation", "hip hop w/o trap", "g=hip hop; -g=trap"),
    C("negation", "workout music, no rap", "a=workout; -g=rap; en=high"),
    C("negation", "rock pero sin metal", "g=rock; -g=metal"),
    C("negation", "musique chill sans paroles", "m=chill; inst"),
    C("negation", "alles außer schlager", "-g=schlager"),
    C("negation", "pop ma non troppo triste", "g=pop; -m=sad"),
    C("negation", "lagu santai tapi bukan dangdut", "m=chill; -g=dangdut"),
    C("negation", "nhạc chill nhưng không có rap", "m=chill; -g=rap"),
    C("negation", "música animada mas sem funk", "m=energetic; -g=funk"),
    # chat and commands
    C("chat", "hey bot", "chat"),
    C("chat", "ty that was a banger", "chat"),
    C("chat", "skip", "chat"),
    C("chat", "pause it", "chat"),
    C("chat", "lmao", "chat"),
    C("chat", "good bot", "chat"),
    C("chat", "gracias bot", "chat"),
    C("chat", "merci beaucoup", "chat"),
    C("chat", "can u turn it up", "chat"),
    C("chat", "what is this song", "chat"),
    C("chat", "ok", "chat"),
    C("chat", "wait go back", "chat"),
    # references
    C("reference", "more arctic monkeys", "ar=Arctic Monkeys"),
    C("reference", "the weeknd vibes", "ar=The Weeknd"),
    C("reference", "if u like frank ocean u will like this", "ar=Frank Ocean"),
    C("reference", "stuff similar to tame impala", "ar=Tame Impala"),
    C("reference", "give me something like what billie eilish does", "ar=Billie Eilish"),
    C("reference", "songs like mr brightside", "ar=Mr Brightside"),
    C("reference", "more green day", "ar=Green Day"),
    C("reference", "algo como bad bunny", "ar=Bad Bunny"),
    C("reference", "quelque chose comme stromae", "ar=Stromae"),
    C("reference", "was wie rammstein", "ar=Rammstein"),
    C("reference", "tipo anitta", "ar=Anitta"),
    C("reference", "qualcosa come maneskin", "ar=Maneskin"),
    C("reference", "lagu mirip tulus", "ar=Tulus"),
    C("reference", "like the 1975 but chill", "ar=The 1975; m=chill"),
    # other languages: moods, activities, eras
    C("language", "música para estudiar", "a=study; en=low"),
    C("language", "canciones tristes", "m=sad; en=low"),
    C("language", "musica para el gym", "a=workout; en=high"),
    C("language", "música romántica de los 90", "m=romantic; e=1990-1999"),
    C("language", "musica pra dormir", "a=sleep; en=low"),
    C("language", "músicas animadas pra festa", "m=energetic; a=party; en=high"),
    C("language", "sertanejo anos 2000", "g=sertanejo; e=2000-2009"),
    C("language", "musik zum einschlafen", "a=sleep; en=low"),
    C("language", "entspannte musik zum lernen", "m=chill; a=study; en=low"),
    C("language", "80er hits", "e=1980-1989"),
    C("language", "musique pour dormir", "a=sleep; en=low"),
    C("language", "chansons tristes des années 80", "m=sad; e=1980-1989"),
    C("language", "son pour la muscu", "a=workout; en=high"),
    C("language", "musica rilassante per studiare", "m=chill; a=study; en=low"),
    C("language", "canzoni anni 80", "e=1980-1989"),
    C("language", "musica per la palestra", "a=workout; en=high"),
    C("language", "nhạc buồn", "m=sad; en=low"),
    C("language", "nhac de ngu", "a=sleep; en=low"),
    C("language", "nhạc sôi động cho tiệc", "m=energetic; a=party; en=high"),
    C("language", "lagu galau", "m=sad"),
    C("language", "lagu buat tidur", "a=sleep; en=low"),
    C("language", "lagu semangat buat olahraga", "m=energetic; a=workout; en=high"),
    C("language", "benkyou no ongaku", "a=study; en=low"),
    C("language", "kanashii kyoku", "m=sad; en=low"),
    C("language", "nemuru tame no ongaku", "a=sleep; en=low"),
    # energy and comparatives
    C("energy", "high energy edm for coding", "g=edm; m=energetic; a=work; en=high"),
    C("energy", "chill songs for the gym", "m=chill; a=workout; en=low"),
    C("energy", "something faster", "m=energetic; en=high"),
    C("energy", "calmer please", "m=calm; en=low"),
    C("energy", "coldplay but more upbeat", "ar=Coldplay; m=energetic; en=high"),
    C("energy", "low energy music for running", "m=chill; a=running; en=low"),
    C("energy", "hype music to study", "m=energetic; a=study; en=high"),
    C("energy", "mellow rock", "g=rock; m=chill; en=low"),
    C("energy", "billie eilish but happier", "ar=Billie Eilish; m=happy"),
    # eras
    C("era", "early 90s hip hop", "g=hip hop; e=1990-1993"),
    C("era", "2010s throwbacks", "m=nostalgic; e=2010-2019"),
    C("era", "sixties soul", "g=soul; e=1960-1969"),
    C("era", "songs from 2016", "e=2016-2016"),
    C("era", "oldies but goodies", "e=1950-1979"),
    # slang and typos
    C("slang", "sum chil beats", "m=chill"),
    C("slang", "gimme bangers", "m=energetic; en=high"),
    C("slang", "jaz for a rainy day", "g=jazz; m=rainy day"),
    C("slang", "roc n roll", "g=rock"),
    C("slang", "hiphop 4 the gym", "g=hip hop; a=workout; en=high"),
    C("slang", "vibey lofi", "g=lo-fi"),
    C("slang", "sad boi hours", "m=sad"),
    C("slang", "need sum motivation", "m=uplifting"),
    C("slang", "regaeton", "g=reggaeton"),
    C("slang", "somethin to vibe to while gaming", "a=gaming"),
    C("slang", "surprise me", ""),
    # plain
    C("plain", "classical music for reading", "g=classical; a=study; en=low"),
    C("plain", "country for a road trip", "g=country; a=driving"),
    C("plain", "romantic jazz", "g=jazz; m=romantic"),
    C("plain", "songs for cleaning the house", "a=cleaning"),
    C("plain", "dark techno", "g=techno; m=dark"),
)
# fmt: on
