"""Words that carry no matching evidence, in the six languages delegates write in."""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .normalise import fold, normalise

# Words every delegation letter and every profile uses; they would only add noise.
BUSINESS_FILLER = """
company companies co ltd limited inc corporation corp cooperation cooperate cooperative
collaboration collaborate collaborating development develop developing developed
seeking seek seeks looking look interested interest interests want wants wish would like
find finding explore exploring opportunity opportunities possible potential partner partners
partnership partnerships delegation delegations delegate delegates visit visiting visits
meet meeting meetings hope hoping plan planning please related relevant including include
includes various provide provides providing offer offers offering able etc via
""".split()

FRENCH = """
le la les de des du un une et en pour avec dans sur par au aux ce ces cette cet nous notre
nos vous votre vos est sont etre qui que quoi ou dont il elle ils elles leur leurs se sa son
ses mais plus tres aussi comme entre chez vers sans sous ainsi afin tout tous toute toutes
entreprise entreprises societe societes cooperation developpement developper recherchons
cherchons cherche souhaitons souhaite voudrions interesse interesses interessee domaine
domaines secteur secteurs partenaire partenaires notamment visite visiter rencontrer
""".split()

SPANISH = """
el la los las de del y e en para con por un una unos unas que nuestro nuestra nuestros
nuestras es son ser al lo como mas muy tambien entre sin sobre su sus se o u ni pero esta
este estos estas empresa empresas cooperacion desarrollo desarrollar buscamos busca buscando
interesados interesadas interesa interes sector sectores socio socios campo campos area
areas visitar visita conocer queremos quisieramos deseamos
""".split()

RUSSIAN = """
и в во на с со по для к ко о об от из у за что как мы наш наша наше наши нас нам это эти
этот эта а также или но не да при до между через который которая которые все весь ищем
ищет ищут хотим хотели хотела интересует интересуют интересно компания компании компаний
сотрудничество сотрудничества развитие развития область области сфера сферы сектор партнеры
партнеров партнер визит посетить
""".split()

ARABIC = """
في من على الى الي عن مع و او ان هذا هذه ذلك التي الذي الذين نحن نبحث نود نرغب نريد يبحث
شركه شركات الشركه الشركات تعاون التعاون تطوير التطوير مجال مجالات قطاع القطاع شريك شركاء
زياره كما بين ايضا ذات لدى لدينا حول خلال
""".split()


# scikit-learn's list is made for general prose; these are content words in a directory.
_KEEP = {
    "system",
    "systems",
    "fire",
    "bill",
    "computer",
    "found",
    "amount",
    "front",
    "bottom",
    "thick",
    "thin",
    "mill",
    "fill",
    "con",
    "de",
    "top",
    "full",
    "part",
    "side",
}

# Chinese function words and interest-letter filler; the glossary segmenter consumes them.
CHINESE = """
我们 我方 我 你们 希望 参观 访问 考察团 代表团 企业 公司 合作 感兴趣 寻找 需要 想 要 和 的 与 及
以及 对 在 了 是 有 为 等 进行 相关 方面 领域 帮助 开展 一些 这些 我国 贵方
""".split()


def build_stop_words() -> frozenset[str]:
    """Return the stop list, normalised and folded the way the analyser sees words."""
    words: set[str] = set()
    english = [w for w in ENGLISH_STOP_WORDS if w not in _KEEP]
    for group in (english, BUSINESS_FILLER, FRENCH, SPANISH, RUSSIAN, ARABIC, CHINESE):
        for word in group:
            lowered = normalise(word).strip().lower()
            words.add(lowered)
            words.add(fold(lowered))
    return frozenset(words)
