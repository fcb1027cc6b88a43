"""Indonesian, as typed in chat: "lagu galau", "lagu santai tapi bukan dangdut", "kayak Tulus", "tahun 90an"."""

from __future__ import annotations

from musicbot.application.recommendation.languages.pack import LanguagePack, term, word_set

INDONESIAN = LanguagePack(
    code="id",
    stopwords=word_set(
        """lagu lagunya musik musiknya yang dan atau dengan buat untuk utk di ke dari aku saya gue gw kamu lu lo
        dong deh sih aja ya yah nih tuh ini itu yg ada beberapa sedikit banget bgt lebih agak enak bagus putar
        puter setel mainin mau pengen minta tolong kasih cariin dengerin dengar pas waktu lagi sambil jenis
        gaya tapi lebih"""
    ),
    moods={
        "sad": "sedih|galau|mellow galau|patah hati|baper|nangis|buat nangis",
        "happy": "senang|seneng|bahagia|ceria|gembira|happy",
        "chill": "santai|santuy|rileks|slow|pelan|kalem",
        "calm": "tenang|damai|adem",
        "romantic": "romantis|cinta|bucin|jatuh cinta",
        "energetic": "semangat|enerjik|energik|nge beat|ngebeat|cepat|kenceng|heboh|jedag jedug",
        "angry": "marah|emosi",
        "dark": "gelap|seram",
        "uplifting": "motivasi|penyemangat",
        "nostalgic": "nostalgia|jadul|kenangan",
        "rainy day": "hujan",
    },
    activities={
        "sleep": "tidur|buat tidur|pengantar tidur|bobo",
        "study": "belajar|buat belajar|fokus|konsentrasi|baca|nugas",
        "work": "kerja|bekerja|ngoding|ngantor",
        "workout": "olahraga|gym|nge gym|ngegym|latihan|fitness",
        "running": "lari|jogging",
        "party": "pesta|party|dugem",
        "dance": "joget|dansa|nari|menari",
        "driving": "nyetir|menyetir|mudik|perjalanan|road trip",
        "cooking": "masak|memasak",
        "meditation": "meditasi|yoga",
        "cleaning": "bersih bersih|beres beres",
        "gaming": "main game|mabar",
    },
    genres={"classical": "klasik|musik klasik", "electronic": "elektronik"},
    new_genres=(
        term("dangdut", "koplo", "dangdut koplo", language="id"),
        term("campursari", language="id"),
    ),
    languages={"indonesia": "id", "bahasa indonesia": "id", "indo": "id"},
    negations="tapi bukan|tapi jangan|tapi tanpa|tapi gak|tapi nggak|bukan|tanpa|jangan|kecuali|selain|gak mau|"
    "nggak mau|ga mau|gak terlalu|nggak terlalu|jangan terlalu|gak|nggak|ga|tidak",
    references="mirip sama|mirip|kayak|kaya|seperti|ala|macam",
    era_before="tahun|era|jaman|zaman|lagu",
    era_after="an|'an",
    instrumental="tanpa lirik|tanpa vokal|tanpa suara|instrumen",
    chat=word_set("halo hai makasih terimakasih terima kasih wkwk wkwkwk haha mantap mantul skip lanjut bot keren"),
    requests=word_set("putar puter setel mainin mau pengen minta cariin rekomendasi saran lagu musik"),
)
