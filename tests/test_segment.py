"""Sentence segmentation: hand-checked cases from the seeds, constructed hard cases, English."""

from __future__ import annotations

import pytest

from zhcorpus.clean import clean_text
from zhcorpus.segment import split, split_en, split_zh

# (paragraph, expected sentences) — taken from the seeds and checked by hand.
ZH_CASES = [
    # 1 plain full stops (000 P1)
    ("今年是脱贫攻坚战最后一年。习近平总书记指出：“脱贫攻坚工作艰苦卓绝，收官之年又遭遇疫情影响，各项工作任务更重、要求更高。”如何坚决克服新冠肺炎疫情影响，是当前亟待解决的重要问题。",
     ["今年是脱贫攻坚战最后一年。", "习近平总书记指出：“脱贫攻坚工作艰苦卓绝，收官之年又遭遇疫情影响，各项工作任务更重、要求更高。”",
      "如何坚决克服新冠肺炎疫情影响，是当前亟待解决的重要问题。"]),
    # 2 a heading is one segment (000 P3)
    ("实现全面脱贫与乡村振兴的有效衔接，着力推进新型城镇化", ["实现全面脱贫与乡村振兴的有效衔接，着力推进新型城镇化"]),
    # 3 heading with a space and brackets (001 P2)
    ("克服疫情影响 抓好脱贫攻坚（统筹抓好改革发展稳定各项工作）", ["克服疫情影响 抓好脱贫攻坚（统筹抓好改革发展稳定各项工作）"]),
    # 4 …… ends a sentence (001 P5)
    ("畅通渠道，强化贫困地区农产品产销对接……近期，各地各部门陆续出台针对性举措。",
     ["畅通渠道，强化贫困地区农产品产销对接……", "近期，各地各部门陆续出台针对性举措。"]),
    # 5 semicolons never split (001 P5)
    ("精准施策，助力贫困劳动力有序返岗就业；加大农资供应，确保农业生产不受影响；畅通渠道。",
     ["精准施策，助力贫困劳动力有序返岗就业；加大农资供应，确保农业生产不受影响；畅通渠道。"]),
    # 6 a quoted exclamation ends with its closing quote (001 P18)
    ("“疫情防控要抓紧，春耕生产也不能耽误！”四川南部县石河镇宝坪寺村第一书记何欣告诉记者。",
     ["“疫情防控要抓紧，春耕生产也不能耽误！”", "四川南部县石河镇宝坪寺村第一书记何欣告诉记者。"]),
    # 7 nested quotes “‘’” (001 P20)
    ("尚然农场朱政说：“‘泗阳政务’发布了我们的草莓信息后，不少公司联系订购。现在草莓不愁卖了，‘公益助农’帮了我们大忙了。”",
     ["尚然农场朱政说：“‘泗阳政务’发布了我们的草莓信息后，不少公司联系订购。现在草莓不愁卖了，‘公益助农’帮了我们大忙了。”"]),
    # 8 question mark (001 P23)
    ("当前，疫情防控期间，保证高质量打赢脱贫攻坚战有哪些硬措施和重点工作？《通知》做出了明确部署。",
     ["当前，疫情防控期间，保证高质量打赢脱贫攻坚战有哪些硬措施和重点工作？", "《通知》做出了明确部署。"]),
    # 9 book-title marks stay inside (001 P7)
    ("日前，国务院扶贫开发领导小组印发《关于做好新冠肺炎疫情防控期间脱贫攻坚工作的通知》，提出一手抓防疫防控，一手抓脱贫攻坚。各地各部门陆续出台针对性举措。",
     ["日前，国务院扶贫开发领导小组印发《关于做好新冠肺炎疫情防控期间脱贫攻坚工作的通知》，提出一手抓防疫防控，一手抓脱贫攻坚。",
      "各地各部门陆续出台针对性举措。"]),
    # 10 dash-led list item (001 P12)
    ("——造更多“饭碗”，让贫困家庭能就业、稳收入。吉林省扶贫办副主任杨春霆介绍。",
     ["——造更多“饭碗”，让贫困家庭能就业、稳收入。", "吉林省扶贫办副主任杨春霆介绍。"]),
    # 11 a quote with a full stop inside ends the sentence only with the quote (001 P26)
    ("“坚持‘挪穷窝’与‘拔穷根’并举，才能搬得出稳得住能致富。”甘肃省扶贫办有关负责人说。",
     ["“坚持‘挪穷窝’与‘拔穷根’并举，才能搬得出稳得住能致富。”", "甘肃省扶贫办有关负责人说。"]),
    # 12 quote closing after a comma-quoted saying, full stop outside (004 P11)
    ("习近平总书记多次强调，“小康不小康，关键看老乡”。兜底保障是脱贫攻坚的底线任务。",
     ["习近平总书记多次强调，“小康不小康，关键看老乡”。", "兜底保障是脱贫攻坚的底线任务。"]),
    # 13 list openers 第一， stay inside (000 P8)
    ("可考虑从以下四个方面采取措施。第一，继续推动服务业与信息技术的紧密融合。第二，加大公益性的技术培训力度。",
     ["可考虑从以下四个方面采取措施。", "第一，继续推动服务业与信息技术的紧密融合。", "第二，加大公益性的技术培训力度。"]),
    # 14 其一， (000 P11)
    ("其一，坚持国土空间主体功能区的划分原则，根据深度贫困地区所处的类型对贫困人口进行精准帮扶。全国主体功能区规划将国土空间划分为四类。",
     ["其一，坚持国土空间主体功能区的划分原则，根据深度贫困地区所处的类型对贫困人口进行精准帮扶。", "全国主体功能区规划将国土空间划分为四类。"]),
    # 15 half-width commas in a Traditional text (002 P1)
    ("第壹,要樹立對貧困地區和農民的底線思維。2020年以前,脫貧攻堅戰以“攻堅”為主。",
     ["第壹,要樹立對貧困地區和農民的底線思維。", "2020年以前,脫貧攻堅戰以“攻堅”為主。"]),
    # 16 masked text stays inside its sentence (002 P3)
    ("鞏固和擴大脫貧攻堅成果,是用* * *實現富裕的重要內容,也是我國“十四五”期間的重要任務。鞏固扶貧成果需要構建長效機制。",
     ["鞏固和擴大脫貧攻堅成果,是用* * *實現富裕的重要內容,也是我國“十四五”期間的重要任務。", "鞏固扶貧成果需要構建長效機制。"]),
    # 17 adjacent quoted phrases (002 P8)
    ("形成“壹縣壹業”“壹村壹品”發展格局,完善全產業鏈配套措施。引導現代生產要素資源向貧困地區投入。",
     ["形成“壹縣壹業”“壹村壹品”發展格局,完善全產業鏈配套措施。", "引導現代生產要素資源向貧困地區投入。"]),
    # 18 corner brackets 「」 (003 P6)
    ("脫貧攻堅不是「養懶漢」,扶貧既要加強外在的「輸血」,也要激發內在的「造血」。一是對貧困主體積極「扶志」。",
     ["脫貧攻堅不是「養懶漢」,扶貧既要加強外在的「輸血」,也要激發內在的「造血」。", "一是對貧困主體積極「扶志」。"]),
    # 19 a 4-character saying with a half-width comma (003 P4)
    ("小康不小康,關鍵看老鄉。今年是全面建成小康社會決勝之年。",
     ["小康不小康,關鍵看老鄉。", "今年是全面建成小康社會決勝之年。"]),
    # 20 Traditional heading-like first sentence with comma (003 P6)
    ("第二,激發內生動力,有效銜接鄉村振興。脫貧摘帽不是終點,而是新生活、新奮鬥的起點。",
     ["第二,激發內生動力,有效銜接鄉村振興。", "脫貧摘帽不是終點,而是新生活、新奮鬥的起點。"]),
    # 21 brackets （区、市） inside (004 P7)
    ("全部23个县（区、市）均已脱贫摘帽。经济社会发展明显加快。",
     ["全部23个县（区、市）均已脱贫摘帽。", "经济社会发展明显加快。"]),
    # 22 bracket with content ending in a full stop does not split inside
    ("建设示范标杆茶厂（由民政部直接投入资金。）积极加强就业扶贫。",
     ["建设示范标杆茶厂（由民政部直接投入资金。）", "积极加强就业扶贫。"]),
    # 23 short imperative sentences (004 P10)
    ("坚持和完善精准化指导支持措施。采取有效措施防止返贫。认真落实“四个不摘”要求。",
     ["坚持和完善精准化指导支持措施。", "采取有效措施防止返贫。", "认真落实“四个不摘”要求。"]),
    # 24 “六稳”“六保” (004 P9)
    ("扎实做好“六稳”“六保”工作。积极动员社会组织。",
     ["扎实做好“六稳”“六保”工作。", "积极动员社会组织。"]),
    # 25 text after the last terminator is its own final segment (a truncated sentence)
    ("全面支持片区产业发展。直接投入帮扶资", ["全面支持片区产业发展。", "直接投入帮扶资"]),
    # 26 a run of terminators ！？ stays together
    ("这样做行吗！？当然可以。", ["这样做行吗！？", "当然可以。"]),
    # 27 a single … does not end a sentence
    ("口罩、消毒液…等防疫用品已送达。", ["口罩、消毒液…等防疫用品已送达。"]),
    # 28 an unbalanced opening quote does not swallow the rest of the paragraph
    ("他说：“我们一定完成任务。大家都很有信心。", ["他说：“我们一定完成任务。", "大家都很有信心。"]),
    # 29 ASCII ! and ? in Chinese text
    ("真的吗?是的!我们做到了。", ["真的吗?", "是的!", "我们做到了。"]),
    # 30 numbers with decimals and percentages do not split (003 P3)
    ("全國97%的建檔立卡貧困人口實現脫貧,94%的貧困縣實現摘帽。增長3.5個百分點。",
     ["全國97%的建檔立卡貧困人口實現脫貧,94%的貧困縣實現摘帽。", "增長3.5個百分點。"]),
    # 31 a question inside quotes within a sentence (004-style)
    ("群众常问“钱从哪里来？”这个问题值得研究。下一步怎么办？",
     ["群众常问“钱从哪里来？”", "这个问题值得研究。", "下一步怎么办？"]),
    # 32 a colon never ends a sentence (002 P10-P11 style)
    ("法律依据：中央办公厅、国务院办公厅扶贫责任制实施办法。", ["法律依据：中央办公厅、国务院办公厅扶贫责任制实施办法。"]),
]

EN_CASES = [
    ("Mr. Li arrived. He spoke.", ["Mr. Li arrived.", "He spoke."]),
    ("The rate fell to 3.5 percent. It was 10.2 percent in 2012.", ["The rate fell to 3.5 percent.", "It was 10.2 percent in 2012."]),
    ("See Art. 5 of the rules. It applies.", ["See Art. 5 of the rules.", "It applies."]),
    ("Goods, e.g. masks and gloves, were sent. More followed.", ["Goods, e.g. masks and gloves, were sent.", "More followed."]),
    ("Document No. 1 was issued. It set targets.", ["Document No. 1 was issued.", "It set targets."]),
    ('He said, "We will win." The crowd cheered.', ['He said, "We will win."', "The crowd cheered."]),
    ("Is it done? Yes! It is.", ["Is it done?", "Yes!", "It is."]),
    ("J. Smith wrote it. Others agreed.", ["J. Smith wrote it.", "Others agreed."]),
    ("Masks, gloves, etc. Then came food.", ["Masks, gloves, etc.", "Then came food."]),
    ("The plan (adopted in 2020.) works. Good.", ["The plan (adopted in 2020.) works.", "Good."]),
    ("In 2020. 52 counties remained.", ["In 2020.", "52 counties remained."]),
    ("i.e. the poor. the rest", ["i.e. the poor. the rest"]),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_zh_cases(text, expected):
    got = split_zh(text)
    assert [s for s, _ in got] == expected
    assert "".join(s + sp for s, sp in got) == text


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_en_cases(text, expected):
    got = split_en(text)
    assert [s for s, _ in got] == expected
    assert "".join(s + sp for s, sp in got) == text


def test_zh_case_count():
    assert len(ZH_CASES) >= 30


def test_split_dispatch_and_unknown_language():
    assert split("甲。乙。", "zh") == [("甲。", ""), ("乙。", "")]
    assert split("A b. C d.", "en") == [("A b.", " "), ("C d.", "")]
    with pytest.raises(ValueError):
        split("x", "fr")


def test_seed_segments_match_the_translators_gold(seed_pairs, gold):
    """The project's segmentation reproduces the sentence splits made by hand for the gold."""
    for zh, en in seed_pairs:
        g = gold[zh.pair_id]
        # the gold was written before the punct-width cleaning rule: apply it to the gold too
        assert [s.text for s in zh.segments()] == [clean_text(t, "zh", ("punct-width",)).text for t in g["zh"]]
        assert [s.text for s in en.segments()] == g["en"]


def test_abbreviation_check_reads_only_the_word_before_the_stop():
    """The abbreviation check searches from the run of letters and dots before a full stop: the same
    verdict as a search of the whole text before it, at every stop of a long paragraph."""
    import random
    import re

    from zhcorpus.segment import en

    rng = random.Random(3)
    pieces = ["No.", "U.S.", "e.g.", "J.", "Mr.", "etc.", "a.b.c.", "x", "Policy", "3.5", " ", ". ", "(", "”", "\n"]
    text = "".join(rng.choice(pieces) for _ in range(3000))
    for m in re.finditer(r"\.", text):
        w = en._WORD_BEFORE.search(text[:m.end()])  # the search of everything before the stop
        got = en._no_break(text, m.end())
        if w is None:
            assert got is False
        else:
            word = w.group(1).lower()
            plain = (word not in en.EN_TERMINAL_ABBREVIATIONS
                     and (word in en.EN_ABBREVIATIONS or word.rstrip(".") in en.EN_ABBREVIATIONS
                          or (len(word) == 1 and w.group(1).isupper())))
            assert got == plain
