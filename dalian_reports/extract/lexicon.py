"""The words of the number grammar: width folding, numerals, units, qualifier words, prefix roles, token
patterns. Read by :mod:`dalian_reports.extract.numbers`."""
from __future__ import annotations

import re

from ..vocab import MEASURES, QUALIFIERS  # noqa: F401  (the one vocabulary)
from .searching import final_characters, guarded

NAN = float("nan")


# ---------------------------------------------------------------------------
# Width folding (length-preserving, so offsets in the folded text are offsets in the original)
# ---------------------------------------------------------------------------
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({
    "％": "%", "．": ".", "－": "-", "～": "~", "＋": "+", "＜": "<", "＞": ">", "／": "/",
    "：": ":", "；": ";", "（": "(", "）": ")", "∶": ":", "−": "-", "‰": "‰", "\u3000": " ",
    "，": ",", "！": "!", "？": "?",
})
_FOLD_TABLE = str.maketrans(_FULLWIDTH)


def to_halfwidth(text: str) -> str:
    """Fold full-width digits and punctuation to half-width, one character for one.

    >>> to_halfwidth("增长６．５％，")
    '增长6.5%,'
    """
    return text.translate(_FOLD_TABLE)


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, max(0, offset)) + 1


# ---------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------
_SP = r"[ \t\u00a0]*"
# A numeral; digits followed by '?' are a masked value (20?? = digits lost in the source) and never a number.
_NUM = r"(?:\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d?])"
_CN_DIGITS = "〇零一二两三四五六七八九十百千万亿"

_MAGNITUDES_ZH = ["万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万", "千"]
_WORDS_ZH = sorted("""
元 美元 欧元 日元 港元 标箱 标准箱 吨 人次 人 户 家 个 项 件 所 座 条 套 辆 艘 台 架 公里 千米 米 平方米 平方公里
公顷 亩 立方米 千瓦时 千瓦 瓦 吨标煤 吨标准煤 斤 天 岁 名 场 次 张 份 只 头 株 棵 处 批 部 床 间 栋 幢 篇 小时 分钟
微克/立方米 毫克/立方米 兆瓦 千兆 年
""".split(), key=len, reverse=True)
_COUNT_CLASSIFIERS = set("个家项件户座所条套辆艘台架名场次张份只头株棵处批部床间栋幢篇年天人")

_UNIT_ZH = (
    r"(?P<pct>个百分点|百分点|个千分点|千分点|%|‰)"
    r"|(?P<times>倍)"
    rf"|(?P<mag>{'|'.join(_MAGNITUDES_ZH)})?{_SP}(?P<approx>余|多)?{_SP}(?P<word>{'|'.join(map(re.escape, _WORDS_ZH))})?"
)
_UNIT_EN = (
    r"(?P<pct>percentage points?|per ?cent|%)"
    r"|(?P<times>times)"
    r"|(?P<mag>trillion|billion|million|thousand|hundred million|hundred thousand|ten thousand)?"
    r"(?:\s*(?P<word>yuan|RMB|US dollars|U\.S\. dollars|dollars|USD|tons|tonnes|TEUs?|kilometers|km|square meters|"
    r"mu|hectares|people|persons|person-times|households|enterprises|jobs|days|years|kilowatts|kWh))?"
)
_RANGE_SEP = r"(?:-|—|–|~|至|到)"
_RANGE_SEP_EN = r"(?:-|—|–|~|to)"

_SUFFIX_ZH = [("about", r"左右|上下|前后|附近"), ("at_least", r"及以上|以上"), ("at_most", r"及以下|以下|以内|之内"),
              ("greater_than", r"出头|开外|多一点|强(?![化调])")]
_SUFFIX_EN = [("at_least", r"or more|and above|or above|and more"), ("at_most", r"or less|and below|or below|or under"),
              ("about", r"or so|or thereabouts")]

# Prefix words, each with its role. Matched right-to-left from the number, longest first.
_PREFIX_ZH: list[tuple[str, str]] = [
    ("average", r"年均|年平均|平均每年|每年平均|每年"),
    ("mean", r"平均"),
    ("cumulative", r"五年累计|累计|累积|总计|合计|共计|五年|近五年"),
    ("yoy", r"同比|比上年|较上年|比去年|较去年|与上年相比"),
    ("respectively", r"分别"),
    ("each", r"(?<![年人平])均|都|各"),
    ("stretch", r"力争|争取"),
    ("to_up", r"(?:增加|提高|提升|上升|增长|扩大|上涨|拓展|扩展|发展)(?:到|至)|增至|升至|提至"),
    ("to_down", r"(?:下降|降低|减少|缩小|回落)(?:到|至)|降至|降到|减至|缩至"),
    ("from", r"从|由"),
    ("up", r"增长了|增长|增加了|增加|提高了|提高|提升了|提升|上涨了|上涨|上升了|上升|递增|扩大了|扩大"),
    ("down_reduce", r"削减|减排|压减|压降|精简压缩|精简|压缩"),
    ("down", r"负增长|下降了|下降|降低了|降低|减少了|减少|回落|下滑|缩小了|缩小|下跌"),
    ("level", r"达到了|达到|达|实现了|实现|完成了|完成|(?<![成作认因行])为|是|计|迈入|跨入|进入|跻身|迈进"),
    ("cap", r"控制在|保持在|稳定在|维持在|控制到|控制"),
    ("filler", r"了|保持|继续|持续|进一步|逆势|仅|只|再|已|将|要|预计|确保|就|也|总体|基本|稳步|快速|实际|名义|可比|首次|连续|全年|分别|仍|(?<![存现实所])在"),
    ("q:about", r"约为|约|大约|大概|接近|将近|近"),
    ("q:at_least", r"不低于|不少于|至少|最少|不下于|迈上了|迈上|跃上了|跃上|站上了|站上|登上了|登上|≥|>="),
    ("q:at_most", r"不超过|不高于|不多于|最多|至多|≤|<="),
    ("q:greater_than", r"超过了|超过|超出|超|突破了|突破|跨越了|跨越|越过|逾|多于|大于|高于|>"),
    ("q:less_than", r"低于|少于|不足|不到|小于|<"),
    ("basis", r"[(（]?按[^,，。;；、\d]{0,6}?(?:口径|价格|价)(?:统计|计算|核算)?[)）]?|[(（]?同口径[)）]?|[(（][^()（）\d]{1,8}口径[)）]"),
    ("compare", r"(?:比|较|与|同|相比)\s*(?P<ref>(?:19|20)(?:\d\d|\?\?)\s*年(?:末|底)?|上年|去年|“?十[一二三四五六七八九]?五”?(?:期末|末|时期)?)(?:相比|比)?"),
    ("compare_of", r"(?:是|为|相当于|完成|达到)\s*(?P<ref>(?:19|20)(?:\d\d|\?\?)\s*年(?:总量|水平)?|上年|去年|“?十[一二三四五六七八九]?五”?(?:期末|时期)?|[^\d,，。;；、:：]{1,12}?(?:目标|总量|水平|平均值))的"),
    ("year", r"(?P<ref>(?:19|20)(?:\d\d|\?\?))\s*年(?:末|底|全年)?(?:的)?"),
    ("share", r"占(?P<ref>全市|全区|全县|全省|全国|本市|本区|本省|大连市?|辽宁省?|东北地区?|东北)(?:[一二三四五]年)?(?:总量|比重|比例)?(?:的)?(?:比重|比例)?"),
]
_EN_AUX = r"(?:(?:will|would|shall|to|has|have|had|is|are|was|were|it)\s+)?(?:(?:be|been|being)\s+)?(?:basically\s+)?"
_PREFIX_EN: list[tuple[str, str]] = [
    ("average", r"average annual(?: growth| increase)?(?: rate)?(?: of)?|annual average(?: growth| increase)?(?: rate)?(?: of)?|(?:at )?an average annual(?: growth| increase)?(?: rate)? of|on average|an average of"),
    ("cumulative", r"cumulative(?:ly)?|in total|a total of|accumulated|totally"),
    ("yoy", r"year[- ]on[- ]year"),
    ("stretch", r"strive (?:to|for)|striving (?:to|for)"),
    ("to_up", _EN_AUX + r"(?:increase[sd]?|rise[sn]?|rose|grow(?:n|s)?|grew|go(?:es)? up|went up) to"),
    ("to_down", _EN_AUX + r"(?:decrease[sd]?|decline[sd]?|drop(?:ped|s)?|fall(?:en|s)?|fell|reduced?|shr(?:ink|inks|ank|unk)) to"),
    ("from", r"from"),
    ("up", _EN_AUX + r"(?:increase[sd]?|increasing|grow(?:s|n)?|grew|growing|rise[sn]?|rose|rising|go(?:es)? up|went up|gone up)(?: by)?|an increase of|a growth of|a rise of|growth of|increase of|up by|up"),
    ("down", _EN_AUX + r"(?:decrease[sd]?|decreasing|decline[sd]?|declining|drop(?:ped|s)?|dropping|fall(?:en|s)?|falling|fell|"
             r"reduce[sd]?|shr(?:ink|inks|ank|unk|inking)|contract(?:s|ed|ing)?|go(?:es)? down|went down)(?: by)?"
             r"|(?:a )?negative growth of|a decrease of|a decline of|a drop of|a fall of|a contraction of|down by|down"),
    ("level", _EN_AUX + r"(?:reach(?:ed|es|ing)?|total(?:led|ed|s|ling)?|amount(?:ed|s)? to|stood at|stands? at|account(?:ed|s)? for|realiz(?:ed|e)|achiev(?:ed|e))|is|are|was|were|be|of|at|to"),
    ("cap", _EN_AUX + r"(?:controlled|kept|maintained|stabili[sz]ed|held)(?: at| to)?"),
    ("q:about", r"about|around|approximately|roughly|nearly|almost"),
    ("q:at_least", r"at least|no less than|not less than|no lower than|not lower than|a minimum of"),
    ("q:at_most", r"within|no more than|not more than|no higher than|not higher than|not exceed(?:ing)?|at most|up to|a maximum of"),
    ("q:greater_than", r"more than|over|above|exceed(?:s|ed|ing)?|in excess of"),
    ("q:less_than", r"less than|below|under|lower than|fewer than"),
    ("filler", r"by|of about|to about|with"),
    ("compare", r"(?:compared (?:with|to)|relative to)\s+(?:the\s+)?(?:end of\s+)?(?P<ref>(?:19|20)\d\d|last year|the previous year)\s*,?"),
]


def _compile_prefixes(table, lang):
    flags = re.I if lang == "en" else 0
    lead = r"(?<![A-Za-z])" if lang == "en" else ""
    return [(role, re.compile(rf"{lead}(?:{pattern})$", flags)) for role, pattern in table]


_PREFIX_RES = {"zh": _compile_prefixes(_PREFIX_ZH, "zh"), "en": _compile_prefixes(_PREFIX_EN, "en")}


def _prefixes_by_last_character(compiled) -> tuple[dict[str, tuple], tuple]:
    """The prefix patterns that can match a window ending with a given character (all of them for a character
    not in the table: those that may end with any character): ({character: patterns}, patterns for any other
    character). Every list keeps the order of :data:`_PREFIX_ZH` / :data:`_PREFIX_EN` (ties go to the first)."""
    finals = [final_characters(rx.pattern, rx.flags) for _role, rx in compiled]
    any_other = tuple(pair for pair, last in zip(compiled, finals) if last is None)
    characters = set().union(*(last for last in finals if last is not None))
    return {c: tuple(pair for pair, last in zip(compiled, finals) if last is None or c in last)
            for c in characters}, any_other


_PREFIX_BY_LAST = {lang: _prefixes_by_last_character(compiled) for lang, compiled in _PREFIX_RES.items()}

# Reduction indicators: a fall is the goal, so it is reported as a positive 'decline'.
_REDUCTION_ZH = re.compile(
    r"能耗|能源消耗|能源消费量|煤炭消费|耗能|煤耗|水耗|用水量|排放|污染|二氧化碳|碳强度|化学需氧量|氨氮|二氧化硫|氮氧化物|"
    r"PM2\.?5|PM10|细颗粒物|浓度|事故|死亡|失业率|贫困|信访|库存|能源消耗强度|能耗强度|不良贷款", re.I)
_REDUCTION_EN = re.compile(
    r"energy consumption|energy intensity|emission|pollut|carbon|water consumption|water use|accident|death|"
    r"unemployment|concentration|poverty|PM2\.?5", re.I)
_GROWTH_WORDING = re.compile(r"(?:增速|增幅|涨幅|(?<!自然)增长率|(?<!自然)增长(?!极|点|动力|引擎|率)|价格|物价|CPI|growth|increase|price)", re.I)



# ---------------------------------------------------------------------------
# Number tokens: every numeral in a text, classified
# ---------------------------------------------------------------------------
_CN_YEAR = r"[二][〇零][〇零一二三四五六七八九]{2}(?=\s*年)"
_DATE = r"(?<![\d.])(?:19|20)\d\d(?P<sep>[-./])\d{1,2}(?P=sep)\d{1,2}(?![\d.])"
# A number with a separator inside it (an invisible character, a space at the decimal point, a decimal comma:
# marked by dalian_reports.extract.normal) is read as nothing but itself: never two numbers.
# So is a number that starts with its decimal point (.5%: 0.5, or 6.5 with a digit lost?).
_BROKEN = r"(?<![\d.])\.?\d+(?:[.,]\d+)*[.,]?(?:\ufffd+[.,]?\d+(?:[.,]\d+)*)+|(?<![\d.A-Za-z])\.\d+"
# A circled or superscript numeral before a unit (⑥%): a footnote marker, or a digit written oddly? Not read.
_CIRCLED = (r"[\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u2079\u2080-\u2089\u2150-\u215f\u2460-\u249b\u24ea-\u24ff"
            r"\u2776-\u2793]+(?=\s*(?:%|‰|个百分点|百分点|万|亿|元|倍|percent|per cent))")
_TOKEN_PATTERNS_ZH = [
    ("broken", _BROKEN),
    ("circled", _CIRCLED),
    ("page_number", r"(?<![\w.%])-\d{1,3}-(?![\w%])"),
    ("date", _DATE + r"|(?<![\d.])(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日|(?<![\d.])(?:19|20)\d\d\s*年\s*\d{1,2}\s*月"),
    ("year_range", r"(?<![\d.])(?:19|20)\d\d\s*(?:-|—|–|~|至|到)+\s*(?:(?:19|20)\d\d|\d\d)(?=\s*年)"),
    ("year", r"(?<![\d.])(?:19|20)(?:\d\d|\?\?)(?=\s*年)|" + _CN_YEAR),
    ("ratio", r"(?<!\d)\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?)*"),
    ("ordinal", r"(?<=第)\s*\d+|(?<!\d)\d+(?=\s*(?:号线|号|路|届|代|期|型|大(?![于关])))"),
    ("name", r"(?<=[A-Za-z])\d+(?:\.\d+)?|(?<!\d)\d+(?:\.\d+)?(?=[A-Za-z])|(?<=[《“\"])\d+(?:\.\d+)?(?![\d.%])"),
]
_TOKEN_PATTERNS_EN = [
    ("broken", _BROKEN),
    ("circled", _CIRCLED),
    ("page_number", r"(?<![\w.%])-\d{1,3}-(?![\w%])"),
    ("date", _DATE + r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:\s*,\s*(?:19|20)\d\d)?"),
    ("year_range", r"(?<![\d.])(?:19|20)\d\d\s*(?:-|—|–|to)\s*(?:19|20)\d\d(?![\d.%])"),
    ("ratio", r"(?<!\d)\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?)*"),
    ("ordinal", r"\b\d+(?:st|nd|rd|th)\b|(?<=No\.)\s?\d+"),
    ("name", r"(?<=[A-Za-z])\d+(?:\.\d+)?|(?<!\d)\d+(?:\.\d+)?(?=[A-Za-z])(?!(?:st|nd|rd|th)\b)"),
    ("year", r"(?<![\d.,])(?:19|20)\d\d(?!\d|[.,]\d|\s*(?:%|percent|per cent|billion|million|trillion|thousand|yuan|times|percentage))"),
]
_COMPILED_TOKENS = {   # guarded: tried only where a token can start (the same matches)
    "zh": [(k, guarded(re.compile(p))) for k, p in _TOKEN_PATTERNS_ZH],
    "en": [(k, guarded(re.compile(p, re.I if k != "date" else 0))) for k, p in _TOKEN_PATTERNS_EN],
}
_MALFORMED = guarded(re.compile(r"(?<!\d)\d+\.\d+\.\d+|(?<!\d)\d+\.{2,}\d+|%{2,}|\d\s*%\s*\d"))

_CORE_IDIOMS_ZH = (
    r"(?P<fan>翻\s*(?P<fan_n>[一两二三四\d])\s*番)"
    r"|(?P<beizeng>倍增)"
    r"|(?P<digits_cn>(?P<digits_n>两|三)位数)"
    r"|(?P<trillion_city>万亿(?:元)?(?:级)?城市(?:行列)?)"
    r"|(?<=[超破过到达上越])(?P<bare_mag>万亿|千亿|百亿)(?P<bare_unit>元|美元)"
    r"|(?P<zero>零增长)"
    r"|(?P<cn_pct>百分之(?P<cn_pct_n>[〇零一二两三四五六七八九十点]+))"
    rf"|(?<![{_CN_DIGITS}点])(?P<cn_dec_n>(?:[一二两三四五六七八九十]{{1,3}}|[零〇])点[零〇一二三四五六七八九]+"
    r"|[一二两三四五六七八九十]{1,3}(?=[%‰]))(?P<cn_dec>%|‰|个百分点|倍)"
    rf"|(?<![{_CN_DIGITS}])(?P<cn_mag_n>[一二两三四五六七八九十]{{1,3}}(?:点[零〇一二三四五六七八九]+)?)"
    r"(?P<cn_mag>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)(?P<cn_mag_unit>元|美元|人次|人|吨|标箱|户|家)"
    r"|(?<![一二两三四五六七八九十])(?P<cn_frac>(?P<cn_den>[一二两三四五六七八九十]+)分之(?P<cn_numr>[一二两三四五六七八九十]+))"
    rf"|(?<![{_CN_DIGITS}十])(?P<cn_unit_n>[一二两三四五六七八九十]{{1,3}})(?P<cn_unit>倍|个百分点)"
)
_CORE_IDIOMS_EN = r"(?P<double>\b(?:double[sd]?|doubling)\b)|(?P<quadruple>\bquadruple[sd]?\b)|(?P<zero>\bzero growth\b)"
