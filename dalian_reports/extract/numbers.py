"""The number-and-qualifier grammar: a number phrase → value, unit, qualifier and measure hints.

This module reads the *figures* of Chinese (and English) government prose:
``增长6.5%左右``, ``7820亿元``, ``控制在3%以内``, ``6.5%-7%``, ``翻一番``,
``两位数增长``, ``比2020年累计下降13%以上``, ``by about 6%``. It knows nothing
about indicators or paragraphs (that is :mod:`dalian_reports.extract.headline`);
it only says what a number phrase means. Nothing is ever guessed: a numeral that
cannot be read (``6..5%``, ``1.2.3``, ``5%%``, an inverted range ``7%-5%``, a chained or
nested range ``6%-7%-8%``, ``6%-(7%-8%)``)
raises :class:`dalian_reports.errors.ParseError` carrying its line.

Conventions
-----------
*Values and units are kept as written.* ``1.1万亿元`` is ``value=1.1, unit='万亿元'``
(not 11000 亿元); ``3.4万余家`` is ``3.4`` ``万家``; ``149.3 billion yuan`` is
``149.3`` ``billion yuan``. Full-width digits and signs (``６．５％``) are read
as their half-width equivalents, and units are reported half-width (``%``).
Thousands separators are dropped (``3,180`` → 3180). A fraction ``1/3`` has
value 1/3 and unit ``fraction``. Idioms: ``翻一番`` → 2 (``翻两番`` → 4, i.e. 2**n),
``倍增``/``double`` → 2, all with unit ``倍``/``times`` and measure hint
``multiple``; ``两位数增长`` → ``at_least`` 10 ``%``; a bare magnitude with a
currency after a verb (``超万亿元``, ``突破千亿元``) → 1 of that unit;
``迈入万亿城市行列`` → ``at_least`` 1 ``万亿元``. Other Chinese numerals are read
with ``cn2an`` where they carry a unit (``两倍``, ``一个百分点``, ``百分之五``).

*Qualifiers* (one of :data:`QUALIFIERS`). Chinese follows the statutory reading
of 《民法典》第一千二百五十九条: 以上/以下/以内 *include* the number, 超过/不满
*exclude* it.

===============  ============================================================
qualifier        words
===============  ============================================================
exact            no qualifier
about            左右, 上下, 前后, 附近, 约, 大约, 近, 接近 (nearly is read as "about");
                 about, around, approximately, roughly, nearly
at_least         以上, 及以上, 不低于, 不少于, 至少, ≥, 两位数;
                 at least, no less than, or more
at_most          以下, 以内, 之内, 不超过, 不高于, 至多, ≤, and a bare cap verb
                 (控制在/保持在/稳定在 3% with no other qualifier); within,
                 no more than, not exceeding, up to, and a bare "controlled at"
greater_than     超过, 超, 突破, 逾, 高于, 多于, >, 余/多 (3500余家), and after the number
                 出头, 开外, 强 (6%出头);
                 more than, over, above, exceed. NB the English translation
                 renders 以上 as "more than", so its rows say greater_than.
less_than        低于, 少于, 不足, 不到, <; less than, below, under, fewer than
range            6.5%-7%, 6.5—7%, 6.5%至7%, 6%～7%, 6.5% to 7%, between … and …
                 (``value`` is the low end, ``value_high`` the high end)
qualitative      no number (与经济增长同步 …; set by the headline extractor)
===============  ============================================================

When a phrase carries two qualifiers, the one written after the number wins
(``超过6%以上`` → at_least). 力争/争取 ("strive to") is not a qualifier: it marks a
stretch goal (:attr:`Quantity.stretch`), so ``力争增长8%以上`` is ``at_least`` 8
with ``stretch=True``. A cap verb is recorded in :attr:`Quantity.cap`;
the headline extractor reads a bare cap in a *past-year result*
(``城镇登记失业率控制在2.61%``) as the exact measured value.

*Measures and the sign of falls.* The grammar reports a measure *hint*
(:attr:`Quantity.measure_hint`); :func:`resolve_measure` turns it into one of
:data:`MEASURES` once the indicator wording is known, always with the same
convention:

* a rise (增长, 增加, 提高, 上涨, 递增; increase, grow, rise) is ``growth``, or
  ``avg_growth`` when annual-average (年均, 年平均; average annual);
* a fall (下降, 降低, 减少, 回落, 削减, 减排; decrease, decline, fall, drop) of an
  indicator whose *target is a reduction* (energy intensity, emissions,
  pollutants, water use, accidents, unemployment …, see
  :func:`is_reduction_indicator`, or any 减排/削减/压减 verb) is ``decline`` with
  a **positive** value, or ``cumulative_decline`` when 累计/cumulative or measured
  against a base year more than one year back; an annual-average fall is
  ``decline`` with basis ``annual average``;
* a fall of any other indicator (revenue, investment, exports 下降25.7%) is
  ``growth`` (or ``avg_growth``) with a **negative** value (−25.7); a range
  is negated and swapped, so ``value <= value_high`` always holds;
* ``level`` is an amount in a unit (亿元, 元, 万人, 家 …); ``rate`` is a ratio,
  share or rate expressed in % (失业率 2.93%, 占GDP比重 7%, 占全市45.7%);
  a % level whose wording names a growth (涨幅, 增速, 增幅, growth) or a price
  (价格, CPI) is ``growth``;
* ``multiple`` is a ratio of two levels (是2007年的2.2倍, 翻一番, 倍增); ``增长1.7倍``
  stays ``growth`` with unit ``倍`` (not converted to 170%);
* ``pp_gap`` is a signed gap in percentage points to a reference (高于全国平均值7.2
  个百分点 → +7.2; 低于 → negative). A change of a rate in points (提高10个
  百分点) is ``growth`` with unit ``个百分点``: the unit always tells whether a
  growth is relative (%), absolute (元, 亿元), in points or in times (倍).

Examples
--------
>>> q = parse_quantity("增长6.5%左右")
>>> (q.value, q.unit, q.qualifier, q.measure_hint)
(6.5, '%', 'about', 'growth')
>>> q = parse_quantity("６．５％-７％")
>>> (q.value, q.value_high, q.unit, q.qualifier)
(6.5, 7.0, '%', 'range')
>>> q = parse_quantity("1.1万亿元")
>>> (q.value, q.unit, q.measure_hint)
(1.1, '万亿元', 'level')
>>> q = parse_quantity("比2010年翻一番以上")
>>> (q.value, q.unit, q.qualifier, q.measure_hint, q.compare)
(2.0, '倍', 'at_least', 'multiple', '2010')
>>> q = parse_quantity("年均保持两位数增长")
>>> (q.value, q.qualifier, q.measure_hint)
(10.0, 'at_least', 'avg_growth')
>>> resolve_measure(parse_quantity("下降25.7%"), "一般公共预算收入")[:2]
('growth', -25.7)
>>> resolve_measure(parse_quantity("累计下降18%"), "万元GDP综合能耗")[:2]
('cumulative_decline', 18.0)
>>> q = parse_quantity("will increase by about 6%", lang="en")
>>> (q.value, q.qualifier, q.measure_hint)
(6.0, 'about', 'growth')
>>> parse_quantity("增长6..5%")
Traceback (most recent call last):
...
dalian_reports.errors.ParseError: line 1: malformed number '6..5'
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from ..errors import ParseError

QUALIFIERS = ("exact", "about", "at_least", "at_most", "greater_than", "less_than", "range", "qualitative")
MEASURES = ("growth", "avg_growth", "level", "rate", "decline", "cumulative_decline", "multiple", "pp_gap", "qualitative")

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
    r"(?P<pct>个百分点|百分点|%|‰)"
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
_SUFFIX_EN = [("at_least", r"or more|and above|or above|and more"), ("at_most", r"or less|and below|or below|or under")]

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
    ("to_down", r"(?:下降|降低|减少|缩小|回落)(?:到|至)|降至|减至|缩至"),
    ("from", r"从|由"),
    ("up", r"增长了|增长|增加了|增加|提高了|提高|提升了|提升|上涨了|上涨|上升了|上升|递增|扩大了|扩大"),
    ("down_reduce", r"削减|减排|压减|压降|精简压缩|精简|压缩"),
    ("down", r"下降了|下降|降低了|降低|减少了|减少|回落|下滑|缩小了|缩小|下跌"),
    ("level", r"达到了|达到|达|实现了|实现|完成了|完成|(?<![成作认因行])为|是|计|迈入|跨入|进入|跻身|迈上|迈进|跨越"),
    ("cap", r"控制在|保持在|稳定在|维持在|控制到|控制"),
    ("filler", r"了|保持|继续|持续|进一步|逆势|仅|只|再|已|将|要|预计|确保|就|也|总体|基本|稳步|快速"),
    ("q:about", r"约为|约|大约|大概|接近|将近|近"),
    ("q:at_least", r"不低于|不少于|至少|最少|不下于|≥|>="),
    ("q:at_most", r"不超过|不高于|不多于|最多|至多|≤|<="),
    ("q:greater_than", r"超过了|超过|超出|超|突破了|突破|逾|多于|大于|高于|>"),
    ("q:less_than", r"低于|少于|不足|不到|小于|<"),
    ("basis", r"按[^,，。;；、\d]{0,6}?(?:口径|价格)(?:统计|计算|核算)?"),
    ("compare", r"(?:比|较|与|同|相比)\s*(?P<ref>(?:19|20)(?:\d\d|\?\?)\s*年(?:末|底)?|上年|去年|“?十[一二三四五六七八九]?五”?(?:期末|末|时期)?)(?:相比|比)?"),
    ("compare_of", r"(?:是|为|相当于|完成|达到)\s*(?P<ref>(?:19|20)(?:\d\d|\?\?)\s*年(?:总量|水平)?|上年|去年|“?十[一二三四五六七八九]?五”?(?:期末|时期)?|[^\d,，。;；、:：]{1,12}?(?:目标|总量|水平|平均值))的"),
    ("year", r"(?P<ref>(?:19|20)(?:\d\d|\?\?))\s*年(?:末|底|全年)?"),
    ("share", r"占(?P<ref>全市|全区|全县|全省|全国|本市|本区|本省|大连市?|辽宁省?|东北地区?|东北)(?:[一二三四五]年)?(?:总量|比重|比例)?(?:的)?(?:比重|比例)?"),
]
_EN_AUX = r"(?:(?:will|would|shall|to|has|have|had|is|are|was|were|it)\s+)?(?:(?:be|been|being)\s+)?(?:basically\s+)?"
_PREFIX_EN: list[tuple[str, str]] = [
    ("average", r"average annual(?: growth| increase)?(?: rate)?(?: of)?|annual average(?: growth| increase)?(?: rate)?(?: of)?|(?:at )?an average annual(?: growth| increase)?(?: rate)? of|on average|an average of"),
    ("cumulative", r"cumulative(?:ly)?|in total|a total of|accumulated|totally"),
    ("yoy", r"year[- ]on[- ]year"),
    ("stretch", r"strive (?:to|for)|striving (?:to|for)"),
    ("to_up", _EN_AUX + r"(?:increase[sd]?|rise[sn]?|rose|grow(?:n|s)?|grew|go(?:es)? up|went up) to"),
    ("to_down", _EN_AUX + r"(?:decrease[sd]?|decline[sd]?|drop(?:ped|s)?|fall(?:en|s)?|fell|reduced?) to"),
    ("from", r"from"),
    ("up", _EN_AUX + r"(?:increase[sd]?|increasing|grow(?:s|n)?|grew|growing|rise[sn]?|rose|rising|go(?:es)? up|went up|gone up)(?: by)?|an increase of|a growth of|a rise of|growth of|increase of|up by|up"),
    ("down", _EN_AUX + r"(?:decrease[sd]?|decreasing|decline[sd]?|declining|drop(?:ped|s)?|fall(?:en|s)?|fell|reduce[sd]?|go(?:es)? down|went down)(?: by)?|a decrease of|a decline of|a drop of|a fall of|down by|down"),
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

# Reduction indicators: a fall is the goal, so it is reported as a positive 'decline'.
_REDUCTION_ZH = re.compile(
    r"能耗|能源消耗|能源消费量|耗能|煤耗|水耗|用水量|排放|污染|二氧化碳|碳强度|化学需氧量|氨氮|二氧化硫|氮氧化物|"
    r"PM2\.?5|PM10|细颗粒物|浓度|事故|死亡|失业率|贫困|信访|库存|能源消耗强度|能耗强度", re.I)
_REDUCTION_EN = re.compile(
    r"energy consumption|energy intensity|emission|pollut|carbon|water consumption|water use|accident|death|"
    r"unemployment|concentration|poverty|PM2\.?5", re.I)
_GROWTH_WORDING = re.compile(r"(?:增速|增幅|涨幅|增长率|增长(?!极|点|动力|引擎)|价格|物价|CPI|growth|increase|price)", re.I)


# ---------------------------------------------------------------------------
# Data classes
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NumberToken:
    """One number seen in the text, whatever it is (``kind``: figure, year, year_range, date,
    ordinal, name, ratio, page_number). ``value`` is set for years."""

    start: int
    end: int
    text: str
    kind: str
    value: float | None = None


@dataclass(frozen=True)
class Quantity:
    """A figure phrase: prefix words, number(s), unit and suffix qualifier.

    ``start``/``end`` cover the whole phrase, ``core_start``/``core_end`` the
    number(s) and unit. ``numbers`` are the offsets of the numerals read,
    ``refs`` those of years consumed as a reference (``比2020年``).
    """

    text: str
    start: int
    end: int
    core_start: int
    core_end: int
    value: float
    value_high: float = NAN
    unit: str = ""
    qualifier: str = "exact"
    qualifier_word: str = ""
    direction: str = ""          # 'up', 'down' or '' (no change verb)
    form: str = ""               # '', 'level', 'from', 'to', 'multiple', 'gap'
    reduce_verb: bool = False    # 减排/削减/压减
    average: bool = False        # 年均
    mean: bool = False           # 平均 (average over a period of a level)
    cumulative: bool = False     # 累计 / 五年
    respectively: bool = False   # 分别
    each: bool = False           # 均 / 都
    stretch: bool = False        # 力争
    cap: bool = False            # 控制在 / 保持在
    compare: str = ""            # reference as written: '2010', '上年', '十三五期末', '全国平均值'
    year: str = ""               # explicit year of the figure ('2012年达到…'), '20??' if unknown
    share: str = ""              # whole of a share: 全市, 全省, 大连市 …
    basis: tuple[str, ...] = ()  # 按老口径 …
    modifier: bool = False       # number modifies a following word (not a figure)
    numbers: tuple[tuple[int, int], ...] = ()
    refs: tuple[tuple[int, int], ...] = ()
    group: int = -1              # quantities joined by 、/和 share a group id
    prefix_roles: tuple[str, ...] = field(default=(), repr=False)

    @property
    def measure_hint(self) -> str:
        """'multiple', 'growth', 'avg_growth', 'fall', 'avg_fall', 'cumulative_fall', 'level' or 'rate'."""
        if self.form == "multiple":
            return "multiple"
        if self.form == "gap":
            return "pp_gap"
        if self.direction == "up" and self.form not in ("to", "from"):
            return "avg_growth" if self.average else "growth"
        if self.direction == "down" and self.form not in ("to", "from"):
            if self.average:
                return "avg_fall"
            return "cumulative_fall" if self.cumulative else "fall"
        return "rate" if self.unit in ("%", "‰", "fraction") else "level"


# ---------------------------------------------------------------------------
# Number tokens: every numeral in a text, classified
# ---------------------------------------------------------------------------
_CN_YEAR = r"[二][〇零][〇零一二三四五六七八九]{2}(?=\s*年)"
_DATE = r"(?<![\d.])(?:19|20)\d\d(?P<sep>[-./])\d{1,2}(?P=sep)\d{1,2}(?![\d.])"
_TOKEN_PATTERNS_ZH = [
    ("page_number", r"(?<![\w.%])-\d{1,3}-(?![\w%])"),
    ("date", _DATE + r"|(?<![\d.])(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日|(?<![\d.])(?:19|20)\d\d\s*年\s*\d{1,2}\s*月"),
    ("year_range", r"(?<![\d.])(?:19|20)\d\d\s*(?:-|—|–|~|至|到)+\s*(?:(?:19|20)\d\d|\d\d)(?=\s*年)"),
    ("year", r"(?<![\d.])(?:19|20)(?:\d\d|\?\?)(?=\s*年)|" + _CN_YEAR),
    ("ratio", r"\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?)*"),
    ("ordinal", r"(?<=第)\s*\d+|\d+(?=\s*(?:号线|号|路|届|代|期|型|大(?![于关])))"),
    ("name", r"(?<=[A-Za-z])\d+(?:\.\d+)?|\d+(?:\.\d+)?(?=[A-Za-z])|(?<=[《“\"])\d+(?:\.\d+)?(?![\d.%])"),
]
_TOKEN_PATTERNS_EN = [
    ("page_number", r"(?<![\w.%])-\d{1,3}-(?![\w%])"),
    ("date", _DATE + r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:\s*,\s*(?:19|20)\d\d)?"),
    ("year_range", r"(?<![\d.])(?:19|20)\d\d\s*(?:-|—|–|to)\s*(?:19|20)\d\d(?![\d.%])"),
    ("ratio", r"\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?)*"),
    ("ordinal", r"\b\d+(?:st|nd|rd|th)\b|(?<=No\.)\s?\d+"),
    ("name", r"(?<=[A-Za-z])\d+(?:\.\d+)?|\d+(?:\.\d+)?(?=[A-Za-z])(?!(?:st|nd|rd|th)\b)"),
    ("year", r"(?<![\d.,])(?:19|20)\d\d(?!\d|[.,]\d|\s*(?:%|percent|per cent|billion|million|trillion|thousand|yuan|times|percentage))"),
]
_COMPILED_TOKENS = {
    "zh": [(k, re.compile(p)) for k, p in _TOKEN_PATTERNS_ZH],
    "en": [(k, re.compile(p, re.I if k != "date" else 0)) for k, p in _TOKEN_PATTERNS_EN],
}
_MALFORMED = re.compile(r"\d+\.\d+\.\d+|\d+\.{2,}\d+|%{2,}|\d\s*%\s*\d")

_CORE_IDIOMS_ZH = (
    r"(?P<fan>翻\s*(?P<fan_n>[一两二三四\d])\s*番)"
    r"|(?P<beizeng>倍增)"
    r"|(?P<digits_cn>(?P<digits_n>两|三)位数)"
    r"|(?P<trillion_city>万亿(?:元)?(?:级)?城市(?:行列)?)"
    r"|(?<=[超破过到达上越])(?P<bare_mag>万亿|千亿|百亿)(?P<bare_unit>元|美元)"
    r"|(?P<cn_pct>百分之(?P<cn_pct_n>[〇零一二两三四五六七八九十点]+))"
    r"|(?P<cn_frac>(?P<cn_den>[一二两三四五六七八九十]+)分之(?P<cn_numr>[一二两三四五六七八九十]+))"
    rf"|(?<![{_CN_DIGITS}十])(?P<cn_unit_n>[一二两三四五六七八九十]{{1,3}})(?P<cn_unit>倍|个百分点)"
)
_CORE_IDIOMS_EN = r"(?P<double>\b(?:double[sd]?|doubling)\b)|(?P<quadruple>\bquadruple[sd]?\b)"


def _claim(claimed: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(a < e and s < b for s, e in claimed)


def _classified_tokens(norm: str, lang: str, start: int, end: int) -> list[NumberToken]:
    claimed: list[tuple[int, int]] = []
    tokens: list[NumberToken] = []
    for kind, rx in _COMPILED_TOKENS[lang]:
        for m in rx.finditer(norm, start, end):
            if not m.group(0).strip() or _claim(claimed, m.start(), m.end()):
                continue
            value = None
            if kind == "year":
                value = _year_value(m.group(0))
            tokens.append(NumberToken(m.start(), m.end(), norm[m.start():m.end()], kind, value))
            claimed.append((m.start(), m.end()))
    return tokens


def normalize_basis(phrase: str) -> str:
    """'按老口径统计' → '按老口径'; '按可比价格计算' → '按可比价格'."""
    return re.sub(r"(?:统计|计算|核算)$", "", re.sub(r"\s+", "", phrase))


def _normalize_reference(ref: str) -> str:
    """'2010年' / '2007年总量' → '2010' / '2007'; '“十三五”期末' → '十三五期末'."""
    m = re.match(r"((?:19|20)(?:\d\d|\?\?))\s*年", ref)
    if m:
        return m.group(1)
    return re.sub(r"[\s“”\"]", "", ref)


def _year_value(text: str) -> float | None:
    text = text.strip()
    if "?" in text:
        return None
    if text.isdigit():
        return float(text)
    digits = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
              "六": "6", "七": "7", "八": "8", "九": "9"}
    return float("".join(digits[c] for c in text))


def number_tokens(text: str, lang: str = "zh", start: int = 0, end: int | None = None) -> list[NumberToken]:
    """Every numeral in ``text[start:end]`` with its kind (figures included), in order.

    >>> [(t.text, t.kind) for t in number_tokens("2020年PM2.5浓度30微克,第6位")]
    [('2020', 'year'), ('2.5', 'name'), ('30', 'figure'), ('6', 'ordinal')]
    """
    norm = to_halfwidth(text)
    end = len(norm) if end is None else end
    tokens = _classified_tokens(norm, lang, start, end)
    claimed = [(t.start, t.end) for t in tokens]
    for m in re.finditer(r"\d+(?:,\d{3})*(?:\.\d+)?(?P<mask>\?+)?", norm[:end]):
        if m.start() < start or _claim(claimed, m.start(), m.end()):
            continue
        tokens.append(NumberToken(m.start(), m.end(), m.group(0), "masked" if m.group("mask") else "figure"))
    idioms = _CORE_IDIOMS_ZH if lang == "zh" else _CORE_IDIOMS_EN
    for m in re.compile(idioms, re.I if lang == "en" else 0).finditer(norm, start, end):
        if not _claim(claimed, m.start(), m.end()) and not re.search(r"\d", m.group(0)):
            tokens.append(NumberToken(m.start(), m.end(), m.group(0), "figure"))
    return sorted(tokens, key=lambda t: t.start)


# ---------------------------------------------------------------------------
# Scanning figures
# ---------------------------------------------------------------------------
def _to_float(num: str, *, text: str, offset: int) -> float:
    try:
        value = float(num.replace(",", ""))
    except ValueError:
        raise ParseError(f"malformed number {num!r}", line=line_of(text, offset)) from None
    if math.isinf(value):
        raise ParseError(f"number too large to represent: {num[:12]}… ({len(num)} digits)", line=line_of(text, offset))
    return value


def _cn_int(s: str, *, text: str, offset: int) -> float:
    if s.isdigit():
        return float(s)
    import cn2an  # lazily: only idioms need it
    try:
        return float(cn2an.cn2an(s, "smart"))
    except Exception:  # cn2an raises plain ValueError/KeyError on odd input
        raise ParseError(f"cannot read Chinese numeral {s!r}", line=line_of(text, offset)) from None


def _check_malformed(norm: str, start: int, end: int, claimed=()) -> None:
    for m in _MALFORMED.finditer(norm, start, end):
        if not _claim(list(claimed), m.start(), m.end()):
            raise ParseError(f"malformed number {m.group(0)!r}", line=line_of(norm, m.start()))


def _unit_from(m: re.Match, lang: str) -> tuple[str, str]:
    """(unit, approx-qualifier) from a unit match."""
    if m.group("pct"):
        pct = m.group("pct")
        return ("%" if pct.lower().replace(" ", "") == "percent" else pct), ""
    if m.group("times"):
        return m.group("times"), ""
    mag = m.group("mag") or ""
    word = m.group("word") or ""
    approx = m.groupdict().get("approx") or ""
    unit = f"{mag} {word}".strip() if lang == "en" else mag + word
    return unit, ("greater_than" if approx else "")


def _match_unit(norm: str, pos: int, end: int, lang: str) -> tuple[str, str, int]:
    rx = _UNIT_RE[lang]
    m = rx.match(norm, pos, end)
    if not m or m.end() == pos:
        return "", "", pos
    unit, approx = _unit_from(m, lang)
    if not unit and not approx:
        return "", "", pos
    return unit, approx, m.end()


_UNIT_RE = {
    "zh": re.compile(rf"{_SP}(?:{_UNIT_ZH})"),
    "en": re.compile(rf"\s*(?:{_UNIT_EN})", re.I),
}
_NUM_RE = re.compile(rf"(?P<sign>-)?(?P<num>{_NUM})")
_RANGE_RE = {"zh": re.compile(rf"{_SP}{_RANGE_SEP}{_SP}(?=\d)"), "en": re.compile(rf"\s*{_RANGE_SEP_EN}\s*(?=\d)", re.I)}
_SUFFIX_RE = {
    "zh": [(q, re.compile(rf"{_SP}(?:{p})")) for q, p in _SUFFIX_ZH],
    "en": [(q, re.compile(rf"\s*(?:{p})\b", re.I)) for q, p in _SUFFIX_EN],
}
_FOLLOW_OK_ZH = re.compile(r"[\s,，。.;；:：、)）\]!！?？”\"'’…—\-]|和|与|及|或|大关|台阶|关口|水平|规模|的?目标|增长|左右|以上|$")


@dataclass
class _Core:
    start: int
    end: int
    value: float
    value_high: float
    unit: str
    qualifier: str
    qualifier_word: str
    form: str = ""
    direction: str = ""
    numbers: list = field(default_factory=list)


def _read_core(norm: str, m: re.Match, end: int, lang: str, allow_range: bool = True) -> _Core | None:
    """Read number(s) + unit (+ range) at a figure token."""
    gd = m.groupdict()
    if gd.get("fan"):
        n = _cn_int(gd["fan_n"], text=norm, offset=m.start())
        return _Core(m.start(), m.end(), 2.0 ** n, NAN, "倍", "exact", "", form="multiple", numbers=[(m.start(), m.end())])
    if gd.get("beizeng"):
        return _Core(m.start(), m.end(), 2.0, NAN, "倍", "exact", "", form="multiple", numbers=[(m.start(), m.end())])
    if gd.get("double") or gd.get("quadruple"):
        v = 2.0 if gd.get("double") else 4.0
        return _Core(m.start(), m.end(), v, NAN, "times", "exact", "", form="multiple", numbers=[(m.start(), m.end())])
    if gd.get("digits_cn"):
        v = 10.0 if gd["digits_n"] == "两" else 100.0
        core_end = m.end()
        growth = re.compile(rf"{_SP}(?:的)?(?:增长|增速|增幅)").match(norm, core_end, end)
        direction = ""
        if growth:
            core_end, direction = growth.end(), "up"
        return _Core(m.start(), core_end, v, NAN, "%", "at_least", gd["digits_cn"], direction=direction,
                     numbers=[(m.start(), m.end())])
    if gd.get("trillion_city"):
        return _Core(m.start(), m.end(), 1.0, NAN, "万亿元", "at_least", gd["trillion_city"], form="level",
                     numbers=[(m.start(), m.end())])
    if gd.get("bare_mag"):
        return _Core(m.start(), m.end(), 1.0, NAN, gd["bare_mag"] + gd["bare_unit"], "exact", "",
                     numbers=[(m.start(), m.end())])
    if gd.get("cn_pct"):
        v = _cn_decimal(gd["cn_pct_n"], norm, m.start())
        return _Core(m.start(), m.end(), v, NAN, "%", "exact", "", numbers=[(m.start(), m.end())])
    if gd.get("cn_frac"):
        den = _cn_int(gd["cn_den"], text=norm, offset=m.start())
        numr = _cn_int(gd["cn_numr"], text=norm, offset=m.start())
        if den == 0:
            raise ParseError(f"fraction with zero denominator {m.group(0)!r}", line=line_of(norm, m.start()))
        return _Core(m.start(), m.end(), numr / den, NAN, "fraction", "exact", "", numbers=[(m.start(), m.end())])
    if gd.get("cn_unit"):
        v = _cn_int(gd["cn_unit_n"], text=norm, offset=m.start())
        return _Core(m.start(), m.end(), v, NAN, gd["cn_unit"], "exact", "",
                     form="multiple" if gd["cn_unit"] == "倍" else "", numbers=[(m.start(), m.end())])
    # Arabic numerals
    sign = -1.0 if gd.get("sign") else 1.0
    v1 = sign * _to_float(gd["num"], text=norm, offset=m.start("num"))
    numbers = [(m.start("sign") if gd.get("sign") else m.start("num"), m.end("num"))]
    pos = m.end("num")
    frac = re.compile(r"/(\d+)(?!\d|\.\d)").match(norm, pos, end)
    if frac:
        den = float(frac.group(1))
        if den == 0:
            raise ParseError(f"fraction with zero denominator {norm[m.start():frac.end()]!r}", line=line_of(norm, m.start()))
        return _Core(m.start(), frac.end(), v1 / den, NAN, "fraction", "exact", "", numbers=[(numbers[0][0], frac.end())])
    unit1, approx1, pos = _match_unit(norm, pos, end, lang)
    qualifier, qword, value_high, unit = "exact", "", NAN, unit1
    if approx1:
        qualifier, qword = approx1, "余/多"
    if allow_range:
        sep = _BETWEEN_AND if gd.get("between") else _RANGE_RE[lang]
        rng = sep.match(norm, pos, end)
        nested = _NESTED_RANGE.match(norm, pos, end)
        if nested:
            raise ParseError(f"nested range {norm[m.start():nested.end() + 6]!r}", line=line_of(norm, m.start()))
        m2 = _NUM_RE.match(norm, rng.end(), end) if rng else None
        if m2 and not m2.group("sign"):
            v2 = _to_float(m2.group("num"), text=norm, offset=m2.start())
            unit2, _approx2, pos2 = _match_unit(norm, m2.end(), end, lang)
            word_sep = norm[rng.start():rng.end()].strip().lower() in ("到", "至", "to", "and")
            if unit1 and unit2 and unit1 != unit2:
                raise ParseError(f"range with two units {norm[m.start():pos2]!r}", line=line_of(norm, m.start()))
            if unit1 or unit2 or not word_sep:
                if v2 < v1:
                    raise ParseError(f"inverted range {norm[m.start():pos2]!r}", line=line_of(norm, m.start()))
                unit = unit1 or unit2
                value_high, qualifier, qword, pos = v2, "range", norm[rng.start():rng.end()].strip(), pos2
                numbers.append((m2.start(), m2.end()))
                again = sep.match(norm, pos, end)
                if again and _NUM_RE.match(norm, again.end(), end):
                    raise ParseError(f"chained range {norm[m.start():again.end() + 4]!r}", line=line_of(norm, m.start()))
    form = "multiple" if unit in ("倍", "times") else ""
    return _Core(m.start(), pos, v1, value_high, unit, qualifier, qword, form=form, numbers=numbers)


_BETWEEN_AND = re.compile(r"\s+and\s+(?=\d)", re.I)
_NESTED_RANGE = re.compile(r"\s*(?:-|—|–|~|～|至|到)\s*[(（]\s*(?=\d)")


def _cn_decimal(s: str, norm: str, offset: int) -> float:
    if "点" in s:
        whole, _, frac = s.partition("点")
        digits = {"〇": "0", "零": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
                  "六": "6", "七": "7", "八": "8", "九": "9"}
        try:
            return _cn_int(whole, text=norm, offset=offset) + float("0." + "".join(digits[c] for c in frac))
        except KeyError:
            raise ParseError(f"cannot read Chinese numeral {s!r}", line=line_of(norm, offset)) from None
    return _cn_int(s, text=norm, offset=offset)


_FIGURE_RE = {
    "zh": re.compile(rf"(?P<sign>(?<![\d%.A-Za-z)])-)?(?P<num>{_NUM})|{_CORE_IDIOMS_ZH}"),
    "en": re.compile(rf"(?P<between>\bbetween\s+)?(?P<sign>(?<![\d%.A-Za-z)])-)?(?P<num>{_NUM})|{_CORE_IDIOMS_EN}", re.I),
}


def _absorb_suffix(norm: str, pos: int, end: int, lang: str) -> tuple[str, str, int]:
    for qualifier, rx in _SUFFIX_RE[lang]:
        m = rx.match(norm, pos, end)
        if m:
            return qualifier, m.group(0).strip(), m.end()
    return "", "", pos


def _absorb_prefix(norm: str, pos: int, floor: int, lang: str) -> list[tuple[str, re.Match, int, int]]:
    """Prefix words right before ``pos`` (nearest first): (role, match, start, end)."""
    found = []
    space = " \t\u00a0\n" if lang == "zh" else " \t\u00a0"
    for _ in range(10):
        p = pos
        while p > floor and norm[p - 1] in space:
            p -= 1
        window_start = max(floor, p - 40)
        window = norm[window_start:p]
        best = None
        for role, rx in _PREFIX_RES[lang]:
            m = rx.search(window)
            if m and m.group(0) and (best is None or len(m.group(0)) > len(best[1].group(0))):
                best = (role, m)
        if best is None:
            break
        role, m = best
        s = window_start + m.start()
        found.append((role, m, s, p))
        pos = s
    return found


def _apply_prefix(q: dict, prefixes, norm: str) -> None:
    for role, m, s, e in prefixes:
        word = norm[s:e].strip()
        if role.startswith("q:"):
            if q["qualifier"] == "exact":
                q["qualifier"], q["qualifier_word"] = role[2:], word
        elif role == "up":
            q["direction"] = q["direction"] or "up"
        elif role in ("down", "down_reduce"):
            q["direction"] = q["direction"] or "down"
            q["reduce_verb"] = q["reduce_verb"] or role == "down_reduce"
        elif role == "to_up":
            q["form"] = q["form"] or ("to" if not word.startswith(("达到",)) else "level")
            q["direction"] = q["direction"] or ("up" if q["form"] == "to" else "")
        elif role == "to_down":
            q["form"], q["direction"] = q["form"] or "to", q["direction"] or "down"
        elif role == "from":
            q["form"] = "from"
        elif role == "level":
            q["form"] = q["form"] or "level"
        elif role == "cap":
            q["cap"] = True
        elif role in ("average", "mean", "cumulative", "respectively", "each", "stretch"):
            q[role] = True
        elif role == "basis":
            q["basis"] = (normalize_basis(word),) + q["basis"]
        elif role in ("compare", "compare_of"):
            ref = m.group("ref").strip()
            q["compare"] = _normalize_reference(ref)
            if role == "compare_of":
                q["compare_of"] = True
            ref_m = re.search(r"(?:19|20)(?:\d\d|\?\?)", ref)
            if ref_m:
                off = s + m.start("ref") - m.start() + ref_m.start()
                q["refs"].append((off, off + 4))
        elif role == "year":
            ref = m.group("ref")
            q["year"] = q["year"] or ref
            off = s + m.start("ref") - m.start()
            q["refs"].append((off, off + 4))
        elif role == "share":
            q["share"] = m.group("ref")
        q["prefix_roles"].append(role)


def _is_modifier(norm: str, pos: int, end: int, unit: str, lang: str) -> bool:
    """A number followed by a noun (19个重点产业园区, 1000万美元以上的项目) modifies it."""
    if lang != "zh":
        return False
    if pos >= end:
        return False
    if norm[pos] == "的":
        return True
    if _FOLLOW_OK_ZH.match(norm, pos):
        return False
    nxt = norm[pos]
    if "\u4e00" <= nxt <= "\u9fff":
        return unit == "" or unit[-1:] in _COUNT_CLASSIFIERS
    return False


def scan_quantities(text: str, lang: str = "zh", start: int = 0, end: int | None = None) -> list[Quantity]:
    """All figure phrases in ``text[start:end]``, in order, with offsets into ``text``.

    Years, dates, ordinals, ratios, page numbers and digits inside names are not
    figures (see :func:`number_tokens`). Quantities joined by 、/和/and
    (``分别增长9.8%和10.8%``) share a ``group`` id and inherit the prefix words of
    the first member (verb, 年均, 分别, comparison …).

    >>> [(q.value, q.measure_hint) for q in scan_quantities("实现地区生产总值7820亿元，增长11%")]
    [(7820.0, 'level'), (11.0, 'growth')]
    >>> [(q.value, q.direction, q.group) for q in scan_quantities("分别增长9.8%和10.8%")]
    [(9.8, 'up', 0), (10.8, 'up', 0)]
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    norm = to_halfwidth(text)
    end = len(norm) if end is None else end
    others = _classified_tokens(norm, lang, start, end)
    claimed = [(t.start, t.end) for t in others]
    _check_malformed(norm, start, end, claimed)
    quantities: list[Quantity] = []
    floor = start
    for m in _FIGURE_RE[lang].finditer(norm, start, end):
        if m.start() < floor or _claim(claimed, m.start(), m.end()):
            continue
        core = _read_core(norm, m, end, lang)
        if core.qualifier == "range" and _claim(claimed, core.start, core.end):
            # the second number of the 'range' is a year or a name: read the first number alone
            core = _read_core(norm, m, end, lang, allow_range=False)
        q = _phrase_attributes(norm, core, m, floor, start, end, lang)
        quantities.append(_make_quantity(text, norm, core, q, end, lang))
        floor = quantities[-1].end
    return _group(quantities, norm, lang)


def _phrase_attributes(norm: str, core: _Core, m: re.Match, floor: int, start: int, end: int, lang: str) -> dict:
    q = dict(
        qualifier=core.qualifier, qualifier_word=core.qualifier_word, direction=core.direction,
        form=core.form, reduce_verb=False, average=False, mean=False, cumulative=False,
        respectively=False, each=False, stretch=False, cap=False, compare="", compare_of=False,
        year="", share="", basis=(), refs=[], prefix_roles=[], phrase_start=core.start,
    )
    suffix_q, suffix_word, pos = _absorb_suffix(norm, core.end, end, lang)
    prefix_floor = max(floor, _previous_boundary(norm, m.start(), start))
    absorb_from = m.start()
    if _is_points(core.unit):
        gap = _gap_before(norm, m.start(), prefix_floor, lang)
        if gap is not None:
            q["direction"], q["compare"], absorb_from = gap
            q["form"] = "gap"
        else:
            pos, gap = _gap_after(norm, pos, end, lang)
            if gap is not None:
                q["direction"], q["compare"] = gap
                q["form"] = "gap"
    prefixes = _absorb_prefix(norm, absorb_from, prefix_floor, lang)
    _apply_prefix(q, prefixes, norm)
    q["phrase_start"] = prefixes[-1][2] if prefixes else min(absorb_from, core.start)
    if suffix_q and core.qualifier != "range":
        q["qualifier"], q["qualifier_word"] = suffix_q, suffix_word
    if lang == "en":
        pos = _absorb_en_trailers(norm, pos, end, q)
    if q.pop("compare_of") and core.unit in ("倍", "times"):
        q["form"] = "multiple"
    idiom = norm[core.start:core.end].startswith(("翻", "倍增")) or core.unit == "times" and not core.numbers
    if core.form == "multiple" and not q["compare"] and q["direction"] == "up" and not idiom:
        q["form"] = ""  # 增长1.7倍: a growth written in times
    if q["cap"] and q["qualifier"] == "exact":
        q["qualifier"], q["qualifier_word"] = "at_most", "cap"
    q["end"] = pos
    return q


def _is_points(unit: str) -> bool:
    return unit in ("个百分点", "百分点") or unit.lower().startswith("percentage point")


_GAP_ZH = re.compile(r"(?P<dir>高于|低于|快于|慢于|超出|超过|领先|落后于|落后)(?P<ref>[^\d,，。;；、:：]{1,14}?)$")
_GAP_EN_AFTER = re.compile(r"\s*(?P<dir>higher|lower|faster|slower|more|less)\s+than\s+(?:that of\s+)?(?:the\s+)?"
                           r"(?P<ref>[A-Za-z' ]{2,40}?(?:average|level|rate|growth))", re.I)
def _gap_before(norm: str, pos: int, floor: int, lang: str):
    """高于全国平均值7.2个百分点 → ('up', '全国平均值', offset of 高于)."""
    if lang != "zh":
        return None
    p = pos
    while p > floor and norm[p - 1] in " \t":
        p -= 1
    m = _GAP_ZH.search(norm, max(floor, p - 20), p)
    if not m:
        return None
    direction = "down" if m.group("dir").startswith(("低", "慢", "落")) else "up"
    return direction, m.group("ref").strip(), m.start()


def _gap_after(norm: str, pos: int, end: int, lang: str):
    """'7.2 percentage points higher than the national average' → ('up', 'national average')."""
    if lang != "en":
        return pos, None
    m = _GAP_EN_AFTER.match(norm, pos, end)
    if not m:
        return pos, None
    direction = "down" if m.group("dir").lower() in ("lower", "slower", "less") else "up"
    return m.end(), (direction, m.group("ref").strip())


def _make_quantity(text: str, norm: str, core: _Core, q: dict, end: int, lang: str) -> Quantity:
    pos = q.pop("end")
    phrase_start = q.pop("phrase_start")
    modifier = _is_modifier(norm, pos, end, core.unit, lang)
    return Quantity(
        text=text[phrase_start:pos], start=phrase_start, end=pos, core_start=core.start, core_end=core.end,
        value=core.value, value_high=core.value_high, unit=core.unit, numbers=tuple(core.numbers),
        refs=tuple(q.pop("refs")), prefix_roles=tuple(q.pop("prefix_roles")), modifier=modifier, **q,
    )


def _absorb_en_trailers(norm: str, pos: int, end: int, q: dict) -> int:
    m = re.compile(r"\s*,?\s*respectively\b", re.I).match(norm, pos, end)
    if m:
        q["respectively"], pos = True, m.end()
    m = re.compile(r"\s*,?\s*(?:compared (?:with|to)|over|than)\s+(?:that of\s+|the\s+)?(?:end of\s+)?(?:in\s+)?"
                   r"(?P<ref>(?:19|20)\d\d|last year|the previous year)\b", re.I).match(norm, pos, end)
    if m:
        q["compare"] = m.group("ref")
        if re.fullmatch(r"\d{4}", m.group("ref")):
            q["refs"].append((m.start("ref"), m.end("ref")))
        pos = m.end()
    m = re.compile(r"\s*,?\s*year[- ]on[- ]year\b", re.I).match(norm, pos, end)
    if m:
        pos = m.end()
    return pos


def _previous_boundary(norm: str, pos: int, floor: int) -> int:
    """Prefix words never reach back over a clause separator (the '?' of a '20??' year is not one)."""
    i = pos
    while i > floor and (norm[i - 1] not in ",，。;；:：、!?！？\n()（）" or is_placeholder_mark(norm, i - 1)):
        i -= 1
    return i


def is_placeholder_mark(norm: str, i: int) -> bool:
    """True for a '?' that belongs to a placeholder year such as '20??'."""
    if norm[i] not in "?？":
        return False
    return any(s >= 0 and re.fullmatch(r"(?:19|20)[?？]{2}", norm[s:s + 4]) for s in (i - 2, i - 3))


_JOINER = {"zh": re.compile(r"^\s*(?:、|和|及|与|以及|或)\s*$"), "en": re.compile(r"^\s*(?:,?\s*and|,)\s*$", re.I)}


def _group(quantities: list[Quantity], norm: str, lang: str) -> list[Quantity]:
    """Give quantities joined by 、/和/and one group id; members inherit the first one's prefix words."""
    out: list[Quantity] = []
    group_id = -1
    first: Quantity | None = None
    for i, q in enumerate(quantities):
        prev = out[-1] if out else None
        between = norm[prev.end:q.start] if prev else ""
        joined = (
            prev is not None and not prev.modifier and not q.modifier
            and _JOINER[lang].match(between) is not None
            and not (q.form in ("to",) and prev.form == "from")
            and _same_kind_unit(prev.unit, q.unit)
            and not _has_own_verb(q)
        )
        if joined and first is not None:
            q = replace(
                q, group=group_id,
                direction=q.direction or first.direction, form=q.form or first.form,
                average=q.average or first.average, cumulative=q.cumulative or first.cumulative,
                respectively=q.respectively or first.respectively, each=q.each or first.each,
                stretch=q.stretch or first.stretch, cap=q.cap or first.cap, compare=q.compare or first.compare,
                year=q.year or first.year, share=q.share or first.share, basis=q.basis or first.basis,
                reduce_verb=q.reduce_verb or first.reduce_verb, mean=q.mean or first.mean,
            )
        else:
            group_id += 1
            q = replace(q, group=group_id)
            first = q
        out.append(q)
    if lang == "en":  # 'respectively' is written after the last member: spread it over the group
        by_group: dict[int, bool] = {}
        for q in out:
            by_group[q.group] = by_group.get(q.group, False) or q.respectively
        out = [replace(q, respectively=by_group[q.group]) for q in out]
    return out


def _same_kind_unit(a: str, b: str) -> bool:
    percent = {"%", "‰", "个百分点", "百分点"}
    if not a or not b:
        return True
    return a == b or (a in percent) == (b in percent) and a not in ("倍",) and b not in ("倍",)


def _has_own_verb(q: Quantity) -> bool:
    return any(r in ("up", "down", "down_reduce", "to_up", "to_down", "level", "from") for r in q.prefix_roles)


# ---------------------------------------------------------------------------
# Strict phrase parsing
# ---------------------------------------------------------------------------
def parse_quantity(phrase: str, lang: str = "zh", *, line: int | None = None) -> Quantity:
    """Parse one complete number phrase (prefix words, number(s), unit, qualifier).

    The whole phrase must be read; anything else raises :class:`ParseError`
    (with ``line``, or the phrase's own line for multi-line input).

    >>> q = parse_quantity("控制在3%以内")
    >>> (q.value, q.unit, q.qualifier, q.cap)
    (3.0, '%', 'at_most', True)
    >>> parse_quantity("地区生产总值")
    Traceback (most recent call last):
    ...
    dalian_reports.errors.ParseError: line 1: no number in '地区生产总值'
    """
    stripped = phrase.strip()
    lead = len(phrase) - len(phrase.lstrip())
    try:
        found = scan_quantities(phrase, lang)
    except ParseError as exc:
        raise ParseError(exc.reason, line=line if line is not None else exc.line) from None
    figures = [q for q in found if q.start < lead + len(stripped)]
    if not figures:
        raise ParseError(f"no number in {stripped!r}", line=line if line is not None else 1)
    if len(figures) > 1 and not all(q.group == figures[0].group for q in figures):
        raise ParseError(f"more than one figure in {stripped!r}", line=line if line is not None else 1)
    q = figures[0]
    trailing = to_halfwidth(phrase[figures[-1].end:]).strip(" \t\n,.;:!?，。；：")
    leading = phrase[:q.start].strip()
    if leading or trailing or len(figures) > 1:
        bad = leading or trailing or phrase[figures[0].end:figures[-1].start]
        raise ParseError(f"cannot read {bad!r} in {stripped!r}", line=line if line is not None else 1)
    if q.modifier:
        raise ParseError(f"number modifies a following word in {stripped!r}", line=line if line is not None else 1)
    return q


# ---------------------------------------------------------------------------
# Measure resolution (needs the indicator wording)
# ---------------------------------------------------------------------------
def is_reduction_indicator(wording: str) -> bool:
    """True for indicators whose target is a fall (energy intensity, emissions, accidents …).

    >>> is_reduction_indicator("万元GDP综合能耗"), is_reduction_indicator("一般公共预算收入")
    (True, False)
    """
    return bool(_REDUCTION_ZH.search(wording) or _REDUCTION_EN.search(wording))


def resolve_measure(q: Quantity, wording: str, *, cumulative_base: bool = False) -> tuple[str, float, float, tuple[str, ...]]:
    """(measure, value, value_high, basis notes) for a figure of indicator ``wording``.

    Applies the module's sign convention. ``cumulative_base`` says the figure is
    measured against a base year more than one year back (比2020年下降…), which
    makes a decline a ``cumulative_decline``.
    """
    notes: list[str] = []
    value, high = q.value, q.value_high
    hint = q.measure_hint
    pp = q.unit in ("个百分点", "百分点") or q.unit.lower().startswith("percentage point")
    if hint == "multiple":
        return "multiple", value, high, ()
    if hint == "pp_gap":
        if q.direction == "down":
            return "pp_gap", -value if math.isnan(high) else -high, NAN if math.isnan(high) else -value, ()
        return "pp_gap", value, high, ()
    if hint in ("fall", "avg_fall", "cumulative_fall"):
        if q.reduce_verb or is_reduction_indicator(wording):
            if hint == "avg_fall":
                return "decline", value, high, ("annual average",)
            cumulative = hint == "cumulative_fall" or cumulative_base
            return ("cumulative_decline" if cumulative else "decline"), value, high, ()
        low, up = -value, -high
        if not math.isnan(high):
            low, up = -high, -value
        if hint == "cumulative_fall":
            notes.append("cumulative")
        return ("avg_growth" if hint == "avg_fall" else "growth"), low, up, tuple(notes)
    if hint in ("growth", "avg_growth"):
        if q.cumulative and hint == "growth":
            notes.append("cumulative")
        return hint, value, high, tuple(notes)
    # levels
    if q.cumulative:
        notes.append("cumulative")
    if q.mean:
        notes.append("average")
    if pp:
        return "growth", value, high, tuple(notes)
    if q.unit in ("%", "‰", "fraction"):
        if q.unit != "fraction" and _GROWTH_WORDING.search(wording):
            return "growth", value, high, tuple(notes)
        return "rate", value, high, tuple(notes)
    return "level", value, high, tuple(notes)
