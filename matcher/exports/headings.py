"""The dossier's headings in the six languages delegations read (the app uses Flask-Babel
elsewhere; exports stay free of Flask, so they carry this small dictionary)."""

from __future__ import annotations

LANGUAGES = ("en", "zh", "fr", "es", "ar", "ru")
RIGHT_TO_LEFT = frozenset({"ar"})

HEADINGS: dict[str, dict[str, str]] = {
    "mode_rail": {
        "en": "high-speed rail",
        "zh": "高铁",
        "fr": "train à grande vitesse",
        "es": "tren de alta velocidad",
        "ar": "القطار السريع",
        "ru": "скоростной поезд",
    },
    "mode_road": {
        "en": "coach",
        "zh": "大巴",
        "fr": "car",
        "es": "autocar",
        "ar": "حافلة",
        "ru": "автобус",
    },
    "mode_walk": {
        "en": "on foot",
        "zh": "步行",
        "fr": "à pied",
        "es": "a pie",
        "ar": "سيرًا على الأقدام",
        "ru": "пешком",
    },
    "title": {
        "en": "Visit programme",
        "zh": "访问日程",
        "fr": "Programme de visite",
        "es": "Programa de visitas",
        "ar": "برنامج الزيارة",
        "ru": "Программа визита",
    },
    "delegation": {
        "en": "Delegation",
        "zh": "代表团",
        "fr": "Délégation",
        "es": "Delegación",
        "ar": "الوفد",
        "ru": "Делегация",
    },
    "day": {
        "en": "Day {n}",
        "zh": "第{n}天",
        "fr": "Jour {n}",
        "es": "Día {n}",
        "ar": "اليوم {n}",
        "ru": "День {n}",
    },
    "time": {"en": "Time", "zh": "时间", "fr": "Heure", "es": "Hora", "ar": "الوقت", "ru": "Время"},
    "place": {
        "en": "Place",
        "zh": "地点",
        "fr": "Lieu",
        "es": "Lugar",
        "ar": "المكان",
        "ru": "Место",
    },
    "host": {
        "en": "Host",
        "zh": "接待单位",
        "fr": "Hôte",
        "es": "Anfitrión",
        "ar": "الجهة المضيفة",
        "ru": "Принимающая сторона",
    },
    "why": {
        "en": "Why it matched",
        "zh": "匹配理由",
        "fr": "Pourquoi cette correspondance",
        "es": "Por qué coincide",
        "ar": "سبب التوافق",
        "ru": "Почему подходит",
    },
    "travel_before": {
        "en": "Travel before",
        "zh": "前往交通",
        "fr": "Trajet avant",
        "es": "Traslado previo",
        "ar": "التنقل قبل الزيارة",
        "ru": "Переезд до визита",
    },
    "travel_after": {
        "en": "Then",
        "zh": "随后",
        "fr": "Ensuite",
        "es": "Después",
        "ar": "ثم",
        "ru": "Затем",
    },
    "lunch": {
        "en": "Lunch",
        "zh": "午餐",
        "fr": "Déjeuner",
        "es": "Almuerzo",
        "ar": "الغداء",
        "ru": "Обед",
    },
    "rest_day": {
        "en": "Rest day",
        "zh": "休息日",
        "fr": "Jour de repos",
        "es": "Día de descanso",
        "ar": "يوم راحة",
        "ru": "День отдыха",
    },
    "interpreter": {
        "en": "Interpreter",
        "zh": "翻译",
        "fr": "Interprète",
        "es": "Intérprete",
        "ar": "مترجم",
        "ru": "Переводчик",
    },
    "interpreter_needs": {
        "en": "Interpreter needs",
        "zh": "翻译需求",
        "fr": "Besoins d'interprétation",
        "es": "Necesidades de interpretación",
        "ar": "الحاجة إلى مترجمين",
        "ru": "Потребность в переводчиках",
    },
    "languages": {
        "en": "Host languages",
        "zh": "接待方语言",
        "fr": "Langues de l'hôte",
        "es": "Idiomas del anfitrión",
        "ar": "لغات الجهة المضيفة",
        "ru": "Языки принимающей стороны",
    },
    "address": {
        "en": "Address",
        "zh": "地址",
        "fr": "Adresse",
        "es": "Dirección",
        "ar": "العنوان",
        "ru": "Адрес",
    },
    "night": {
        "en": "Night in {city}",
        "zh": "住宿：{city}",
        "fr": "Nuit à {city}",
        "es": "Noche en {city}",
        "ar": "المبيت في {city}",
        "ru": "Ночёвка: {city}",
    },
    "unplaced": {
        "en": "Not scheduled",
        "zh": "未安排",
        "fr": "Non programmé",
        "es": "No programado",
        "ar": "غير مجدول",
        "ru": "Не запланировано",
    },
    "notes": {
        "en": "Notes",
        "zh": "备注",
        "fr": "Remarques",
        "es": "Notas",
        "ar": "ملاحظات",
        "ru": "Примечания",
    },
    "none": {
        "en": "None",
        "zh": "无",
        "fr": "Aucun",
        "es": "Ninguno",
        "ar": "لا يوجد",
        "ru": "Нет",
    },
    "route_map": {
        "en": "Route map",
        "zh": "路线图",
        "fr": "Carte de l'itinéraire",
        "es": "Mapa de la ruta",
        "ar": "خريطة المسار",
        "ru": "Карта маршрута",
    },
}

_LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "fr": "French",
    "es": "Spanish",
    "ar": "Arabic",
    "ru": "Russian",
    "pt": "Portuguese",
    "de": "German",
    "ja": "Japanese",
    "ko": "Korean",
    "tr": "Turkish",
    "fa": "Persian",
    "ur": "Urdu",
    "id": "Indonesian",
    "ms": "Malay",
    "th": "Thai",
    "vi": "Vietnamese",
    "kk": "Kazakh",
    "uz": "Uzbek",
}


def heading(key: str, language: str, **values: str | int) -> str:
    """A heading in the language, falling back to English for unknown languages."""
    entry = HEADINGS[key]
    return entry.get(language, entry["en"]).format(**values)


def language_name(code: str) -> str:
    """A language's English name from its code, or the code itself."""
    return _LANGUAGE_NAMES.get(code, code)
