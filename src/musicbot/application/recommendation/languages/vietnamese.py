"""Vietnamese, with or without its accents (Discord users often drop them): "nhạc buồn", "nhac de ngu",
"nhạc chill nhưng không có rap", "giống Sơn Tùng", "thập niên 90".
"""

from __future__ import annotations

from musicbot.application.recommendation.languages.pack import LanguagePack, term, word_set

VIETNAMESE = LanguagePack(
    code="vi",
    stopwords=word_set(
        """nhac bai hat bai mot may vai cho toi minh em anh ban di voi de va hoac cua nhung cac la thi nao gi
        nghe mo bat phat list playlist kieu loai rat hon hay chut tam trang luc khi dang di nha ak a nhe nha
        vay thoi voi nhung"""
    ),
    moods={
        "sad": "buon|tam trang buon|that tinh|chia tay|khoc|u buon|u sau",
        "happy": "vui|vui ve|vui tuoi|hanh phuc|yeu doi",
        "chill": "thu gian|chill|cham|nhac nhe|em diu|nhe nhang",
        "calm": "yen binh|binh yen|tinh lang|yen tinh",
        "romantic": "lang man|tinh yeu|tinh cam",
        "energetic": "soi dong|manh|cuc manh|quay|nang dong",
        "angry": "tuc gian|gian du",
        "uplifting": "dong luc|tao dong luc",
        "nostalgic": "hoai niem|xua|ngay xua|nhac xua",
        "summer": "mua he",
        "rainy day": "mua|ngay mua",
    },
    activities={
        "sleep": "ngu|de ngu|di ngu|ru ngu",
        "study": "hoc|hoc bai|on thi|tap trung|doc sach",
        "work": "lam viec|code",
        "workout": "tap gym|gym|tap the duc|the duc|tap",
        "running": "chay bo|chay",
        "party": "tiec|bua tiec|quay tiec|an choi",
        "dance": "nhay|khieu vu",
        "driving": "lai xe|di phuot|phuot",
        "cooking": "nau an",
        "meditation": "thien|yoga",
        "cleaning": "don nha|don dep",
        "gaming": "choi game",
    },
    genres={
        "classical": "co dien|nhac co dien",
        "electronic": "nhac dien tu|dien tu",
        "rap": "rap viet",
        "pop": "nhac tre",
    },
    new_genres=(term("bolero", "tru tinh", "nhac vang", language="vi"),),
    languages={"tieng viet": "vi", "viet": "vi", "vpop": "vi", "v pop": "vi"},
    negations="nhung khong co|nhung khong|khong co|khong phai|khong|tru|dung|ngoai tru",
    references="giong nhu|giong|kieu nhu|nhu la|nhu",
    era_before="thap nien|thap ky|nhung nam|nam",
    instrumental="khong loi|khong co loi|nhac khong loi|khong hat",
    chat=word_set("chao xin cam on bot hay qua haha hihi kkk ok next skip dung lai"),
    requests=word_set("mo bat phat cho nghe muon goi y"),
)
