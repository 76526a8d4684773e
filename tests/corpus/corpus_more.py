"""More hand-written corpus articles: other journals, bad codes, bilingual layouts, English."""

MORE = []

# --- Wrong codes: ISSN check digit, article-number year, CLC syntax. -------------------------
ABS = "村级集体经济是乡村振兴的物质基础。本文基于皖北六个村的调查，分析集体经济收入来源单一、经营人才缺乏和监督机制薄弱等困境，并提出相应对策。"
MORE.append({
    "name": "zh-bad-codes",
    "head": [
        "江淮论丛 2017年第5期",
        "ISSN 1008-4682　CN 34-1012/C",
        "乡村振兴背景下村级集体经济的发展困境",
        "方志强",
        "（安徽大学 社会与政治学院，安徽 合肥 230601）",
        "摘要：" + ABS,
        "关键词：乡村振兴；集体经济；村级治理",
        "中图分类号：F32.5G　文献标识码：A　文章编号：1008-4682(2016)05-0088-05",
    ],
    "sections": [
        (1, "一、", "集体经济的现状", False, [
            "调查的六个村中，有四个村的年集体经营性收入不足十万元，主要依靠上级转移支付维持运转。",
        ]),
        (1, "二、", "主要困境", False, []),
        (2, "（一）", "收入来源单一", True, ["多数村的集体收入依赖土地和厂房出租，经营性收入比重不足一成。"]),
        (2, "（二）", "经营人才缺乏", True, ["村干部普遍年龄偏大，懂经营、会管理的人才难以引进和留住。"]),
        (1, "三、", "对策建议", False, ["应当盘活闲置资产，探索村企合作，并健全村务监督委员会的监督职能。"]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]贺雪峰.乡村治理的社会基础[M].北京：生活·读书·新知三联书店，2020.", "number": 1,
         "authors": ["贺雪峰"], "title": "乡村治理的社会基础", "type": "M", "place": "北京",
         "publisher": "生活·读书·新知三联书店", "year": 2020},
    ],
    "expect": {
        "lang": "zh",
        "journal_title": "江淮论丛", "year": 2017, "issue": 5,
        "ISSN": "1008-4682", "CN": "34-1012/C",
        "fpage": 88, "lpage": 92,
        "article_number": "1008-4682(2016)05-0088-05",
        "article_number_parsed": {"ISSN": "1008-4682", "year": 2016, "issue": "05",
                                  "first_page": "0088", "page_count": "05"},
        "title": "乡村振兴背景下村级集体经济的发展困境",
        "authors": ["方志强"], "author_line_raw": "方志强",
        "affiliation": "安徽大学 社会与政治学院，安徽 合肥 230601",
        "abstract": ABS,
        "keywords": ["乡村振兴", "集体经济", "村级治理"],
        "CLC_number": "F32.5G", "document_code": "A",
    },
    "warnings": [
        ("issn-check-digit", "ISSN", "ISSN 1008-4682"),
        ("article-number-mismatch", "article_number", "文章编号"),
        ("clc-syntax", "CLC_number", "中图分类号"),
    ],
})

# --- Unlabelled, like the sample: abstract and keywords by position, bare codes at the end. --
ABS = "静安区楼宇经济发达，非公有制企业和社会组织数量多、分布散、流动快，党的工作覆盖面临新挑战。区委以楼宇为单元建立联合党组织，依托楼宇党建服务站开展组织生活、党员教育和服务活动，实现了党的组织和工作在商务楼宇的全覆盖。"
MORE.append({
    "name": "zh-unlabelled-bare-codes",
    "head": [
        "楼宇党建推动“两新”组织党的工作全覆盖",
        "●王建华",
        ABS,
        "楼宇党建；“两新”组织；全覆盖",
    ],
    "sections": [
        (0, None, None, False, [
            "静安区共有商务楼宇一百二十余幢，入驻企业八千余家，从业人员超过二十万人。如何把分散在楼宇中的党员组织起来，是区域党建必须回答的问题。",
        ]),
        (1, "一、", "主要做法", False, []),
        (2, "（一）", "按楼宇建立联合党组织", True, [
            "对党员人数不足三人的企业，以楼宇为单位组建联合党支部，由楼宇物业或骨干企业党员担任书记。",
        ]),
        (2, "（二）", "建设楼宇党建服务站", True, [
            "服务站设在楼宇公共区域，提供党员活动、职工学习和政策咨询等服务，成为白领的“红色驿站”。",
        ]),
        (1, "二、", "几点体会", False, [
            "一是组织设置要因地制宜。二是服务是凝聚党员的有效方式。三是制度建设是长效运转的保障。",
        ]),
    ],
    "refs": [
        {"raw": "[1]中共上海市委组织部.上海基层党建创新案例选编[M].上海：上海人民出版社，2011.", "number": 1,
         "authors": ["中共上海市委组织部"], "title": "上海基层党建创新案例选编", "type": "M",
         "place": "上海", "publisher": "上海人民出版社", "year": 2011},
        {"raw": "[2]楼宇党建工作简报（内部资料），2011(12).", "number": 2, "title": "楼宇党建工作简报",
         "title_note": "内部资料", "year": 2011, "issue": "12"},
    ],
    "tail": [
        "D261；D267",
        "B",
        "1009-6280(2012)02-0031-02",
        "作者单位：中共上海市静安区委党校",
        "■责任编辑：李红",
    ],
    "expect": {
        "lang": "zh",
        "title": "楼宇党建推动“两新”组织党的工作全覆盖",
        "authors": ["王建华"], "author_line_raw": "●王建华",
        "affiliation": "中共上海市静安区委党校",
        "abstract": ABS,
        "keywords": ["楼宇党建", "“两新”组织", "全覆盖"],
        "CLC_number": "D261；D267", "document_code": "B",
        "article_number": "1009-6280(2012)02-0031-02",
        "article_number_parsed": {"ISSN": "1009-6280", "year": 2012, "issue": "02",
                                  "first_page": "0031", "page_count": "02"},
        "ISSN": "1009-6280", "year": 2012, "issue": 2, "fpage": 31, "lpage": 32,
        "editor": "李红",
    },
})

# --- 〔〕 labels, column tag, ISSN/CN line, DOI, dates in 年月日. ---------------------------------
ABS = "社会工作介入社区矫正，需要在司法要求与专业伦理之间划定边界。本文结合北京市的三个服务项目，讨论社会工作者在风险评估、个案辅导和社会支持网络建设中的角色。"
MORE.append({
    "name": "zh-bracket-labels-doi",
    "head": [
        "·理论探讨·",
        "ISSN 2096-5532　CN 10-1587/C",
        "社会工作研究 2019年第2期",
        "社会工作介入社区矫正的专业边界",
        "杜晓红　吴敏",
        "（北京师范大学 社会发展与公共政策学院，北京 100875）",
        "〔摘要〕" + ABS,
        "〔关键词〕社区矫正；社会工作；专业边界；角色冲突",
        "〔中图分类号〕C916　〔文献标识码〕A　〔文章编号〕2096-5532(2019)02-0054-06",
        "DOI：10.19520/j.cnki.swr.2019.02.006",
        "收稿日期：2018年11月5日；修回日期：2019年1月20日；网络出版日期：2019年3月28日",
    ],
    "sections": [
        (1, "1", "问题提出", False, [
            "社区矫正对象回归社会，需要司法管理与社会支持的共同作用。社会工作者进入这一领域后，常常面临角色不清的困扰。",
        ]),
        (1, "2", "三个项目的经验", False, []),
        (2, "2.1", "风险评估", False, [
            "社会工作者参与风险评估时，应当坚持以服务对象为中心，避免把评估变成单纯的管控工具。",
        ]),
        (2, "2.2", "个案辅导", False, [
            "个案辅导强调建立信任关系，社会工作者需要向服务对象说明保密的限度。",
        ]),
        (1, "3", "结论", False, ["明确专业边界，有助于社会工作者在社区矫正中发挥不可替代的作用。"]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]张昱.社区矫正中的社会工作：理念与实务[M].北京：中国人民大学出版社，2017:45-52.", "number": 1,
         "authors": ["张昱"], "title": "社区矫正中的社会工作：理念与实务", "type": "M", "place": "北京",
         "publisher": "中国人民大学出版社", "year": 2017, "pages": "45-52"},
        {"raw": "[2]CHAN K. Social work in probation services[J]. British Journal of Social Work, 2015, 45(3): 812-829. DOI:10.1093/bjsw/bct160.",
         "number": 2, "authors": ["CHAN K"], "title": "Social work in probation services", "type": "J",
         "container": "British Journal of Social Work", "year": 2015, "volume": "45", "issue": "3",
         "pages": "812-829", "doi": "10.1093/bjsw/bct160"},
        {"raw": "[3]费梅苹.社区矫正社会工作的本土实践[J].华东理工大学学报（社会科学版），2010,25(3):15-21.",
         "number": 3, "authors": ["费梅苹"], "title": "社区矫正社会工作的本土实践", "type": "J",
         "container": "华东理工大学学报（社会科学版）", "year": 2010, "volume": "25", "issue": "3",
         "pages": "15-21"},
    ],
    "expect": {
        "lang": "zh",
        "journal_title": "社会工作研究", "year": 2019, "issue": 2,
        "ISSN": "2096-5532", "CN": "10-1587/C", "fpage": 54, "lpage": 59,
        "article_number": "2096-5532(2019)02-0054-06",
        "article_number_parsed": {"ISSN": "2096-5532", "year": 2019, "issue": "02",
                                  "first_page": "0054", "page_count": "06"},
        "doi": "10.19520/j.cnki.swr.2019.02.006",
        "dates": {"received": "2018-11-05", "revised": "2019-01-20", "published": "2019-03-28"},
        "title": "社会工作介入社区矫正的专业边界",
        "authors": ["杜晓红", "吴敏"], "author_line_raw": "杜晓红　吴敏",
        "affiliation": "北京师范大学 社会发展与公共政策学院，北京 100875",
        "abstract": ABS,
        "keywords": ["社区矫正", "社会工作", "专业边界", "角色冲突"],
        "CLC_number": "C916", "document_code": "A",
    },
})

# --- Bilingual, English block before the Chinese abstract; subtitle line. --------------------
ABS = "“一网通办”改变了居民与街道打交道的方式。本文基于四个街道的访谈发现，数字渠道缩短了办事等候时间，但也给老年居民带来了新的数字鸿沟。"
ABS_EN = "The one-stop online service has changed how residents deal with street offices. Drawing on interviews in four streets, this article shows that digital channels shorten waiting times but create new gaps for older residents."
MORE.append({
    "name": "zh-english-block-first",
    "head": [
        "数字化转型中的街道政务服务",
        "——基于“一网通办”的考察",
        "胡思远",
        "（上海行政学院 公共管理教研部，上海 200233）",
        "Street-level Government Services in Digital Transformation: A Study of the One-stop Online Service",
        "HU Siyuan",
        "(Department of Public Administration, Shanghai Administration Institute, Shanghai 200233, China)",
        "Abstract: " + ABS_EN,
        "Keywords: digital government; one-stop online service; street office",
        "摘要：" + ABS,
        "关键词：数字政府；一网通办；街道",
        "中图分类号：D630.1　文献标识码：A",
    ],
    "sections": [
        (1, "一、", "“一网通办”的街道实践", False, [
            "上海自2018年起推行“一网通办”，街道社区事务受理服务中心承担了大量线下办理与线上引导工作。",
        ]),
        (1, "二、", "数字鸿沟的新表现", False, []),
        (2, "（一）", "老年居民的使用困难", False, ["不少老年居民没有智能手机，或不熟悉线上操作，仍然依赖窗口办理。"]),
        (2, "（二）", "线上线下的衔接不足", False, ["部分事项线上受理后仍需线下补交材料，居民往返次数并未明显减少。"]),
        (1, "三、", "结论", False, ["街道政务服务的数字化转型，应当坚持线上线下融合，为老年居民保留便捷的线下渠道。"]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]王益民.数字政府[M].北京：中共中央党校出版社，2020.", "number": 1, "authors": ["王益民"],
         "title": "数字政府", "type": "M", "place": "北京", "publisher": "中共中央党校出版社", "year": 2020},
        {"raw": "[2]郑磊.数字治理的效度、温度和尺度[J].治理研究，2021,37(2):5-14.", "number": 2,
         "authors": ["郑磊"], "title": "数字治理的效度、温度和尺度", "type": "J", "container": "治理研究",
         "year": 2021, "volume": "37", "issue": "2", "pages": "5-14"},
    ],
    "expect": {
        "lang": "zh",
        "title": "数字化转型中的街道政务服务——基于“一网通办”的考察",
        "trans_title": "Street-level Government Services in Digital Transformation: A Study of the One-stop Online Service",
        "authors": [{"name": "胡思远", "name_en": "HU Siyuan"}],
        "author_line_raw": "胡思远",
        "affiliation": "上海行政学院 公共管理教研部，上海 200233",
        "abstract": ABS,
        "keywords": ["数字政府", "一网通办", "街道"],
        "trans_abstract": ABS_EN,
        "trans_keywords": ["digital government", "one-stop online service", "street office"],
        "CLC_number": "D630.1", "document_code": "A",
    },
})

# --- 内容提要, print and online ISSN, 通信作者, notes, [S] and [P] references. ----------------------
ABS = "生活垃圾分类能否持续，关键在于社区动员。本文以南京市两个小区为例，比较了行政动员与社会动员两种机制的效果，指出志愿者网络和积分激励的结合更有助于形成稳定的分类习惯。"
MORE.append({
    "name": "zh-synopsis-eissn-standards",
    "head": [
        "ISSN 1674-7127（印刷版）　ISSN 2589-045X（网络版）",
        "CN 11-5798/C",
        "生活垃圾分类的社区动员机制",
        "赵一鸣　钱思远*",
        "（南京大学 社会学院，江苏 南京 210023）",
        "内容提要：" + ABS,
        "关键词:垃圾分类;社区动员;志愿服务",
        "中图分类号：X799.3　文献标识码：A　文章编号：1674-7127(2020)04-0101-08",
        "作者简介：赵一鸣（1990—），男，江苏南京人，南京大学社会学院博士研究生。",
        "通信作者：钱思远，E-mail：qiansy@nju.edu.cn",
    ],
    "sections": [
        (1, "一、", "引言", False, ["2019年以来，多个城市以地方立法的形式推行生活垃圾强制分类，社区成为政策落地的关键场域。"]),
        (1, "二、", "两种动员机制", False, []),
        (2, "（一）", "行政动员", False, ["行政动员依靠街道和居委会的组织力量，短期内能够迅速提高分类参与率。"]),
        (2, "（二）", "社会动员", False, ["社会动员依靠志愿者网络和居民之间的相互影响，见效较慢，但更为持久。"]),
        (1, "三、", "结语", False, ["两种机制并非相互排斥，社区应当在行政推动的同时培育居民自治力量。"]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]中华人民共和国住房和城乡建设部.生活垃圾分类标志:GB/T 19095—2019[S].北京：中国标准出版社，2019.",
         "number": 1, "authors": ["中华人民共和国住房和城乡建设部"],
         "title": "生活垃圾分类标志:GB/T 19095—2019", "type": "S", "place": "北京",
         "publisher": "中国标准出版社", "year": 2019},
        {"raw": "[2]张伟，刘强.一种社区垃圾分类智能回收装置:CN106586291A[P].2017-04-26.", "number": 2,
         "authors": ["张伟", "刘强"], "title": "一种社区垃圾分类智能回收装置:CN106586291A", "type": "P",
         "year": 2017},
        {"raw": "[3]陈阿江.垃圾分类的社会动员[J].社会学评论，2019,7(4):3-12.", "number": 3,
         "authors": ["陈阿江"], "title": "垃圾分类的社会动员", "type": "J", "container": "社会学评论",
         "year": 2019, "volume": "7", "issue": "4", "pages": "3-12"},
    ],
    "expect": {
        "lang": "zh",
        "ISSN": "1674-7127", "eISSN": "2589-045X", "CN": "11-5798/C",
        "year": 2020, "issue": 4, "fpage": 101, "lpage": 108,
        "article_number": "1674-7127(2020)04-0101-08",
        "article_number_parsed": {"ISSN": "1674-7127", "year": 2020, "issue": "04",
                                  "first_page": "0101", "page_count": "08"},
        "title": "生活垃圾分类的社区动员机制",
        "authors": ["赵一鸣", {"name": "钱思远", "corresponding": True, "email": "qiansy@nju.edu.cn"}],
        "author_line_raw": "赵一鸣　钱思远*",
        "affiliation": "南京大学 社会学院，江苏 南京 210023",
        "corresponding_author": "钱思远",
        "notes": ["作者简介：赵一鸣（1990—），男，江苏南京人，南京大学社会学院博士研究生。"],
        "abstract": ABS,
        "keywords": ["垃圾分类", "社区动员", "志愿服务"],
        "CLC_number": "X799.3", "document_code": "A",
    },
})

# --- English title right under the Chinese one, 【】 labels, （1） headings, keywords with ，. ---
ABS = "公共图书馆通过在社区设立分馆和流动服务点，把阅读服务嵌入居民日常生活。本文以杭州市为例，分析嵌入式服务的运行机制与效果。"
MORE.append({
    "name": "zh-trans-title-under-title",
    "head": [
        "【专题研究】",
        "公共图书馆的社区嵌入式服务",
        "Community-embedded Services of Public Libraries",
        "李雨桐",
        "（浙江大学 公共管理学院，浙江 杭州 310058）",
        "【摘要】" + ABS,
        "【关键词】公共图书馆，社区嵌入，阅读推广",
        "【中图分类号】G258.2　【文献标识码】A",
    ],
    "sections": [
        (1, "一、", "嵌入式服务的兴起", False, ["杭州市自2003年起推进总分馆体系建设，图书馆服务逐步延伸到街道和社区。"]),
        (1, "二、", "运行机制", False, []),
        (2, "（1）", "空间嵌入", False, ["分馆设在社区文化家园内，与居民活动空间共享。"]),
        (2, "（2）", "服务嵌入", False, ["图书馆员定期进入社区开展亲子阅读和老年人数字技能培训。"]),
        (1, "三、", "结语", False, ["嵌入式服务让图书馆成为社区公共生活的一部分。"]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]李超平.公共图书馆服务的社区化[J].中国图书馆学报，2015,41(1):4-13.", "number": 1,
         "authors": ["李超平"], "title": "公共图书馆服务的社区化", "type": "J", "container": "中国图书馆学报",
         "year": 2015, "volume": "41", "issue": "1", "pages": "4-13"},
    ],
    "expect": {
        "lang": "zh",
        "title": "公共图书馆的社区嵌入式服务",
        "trans_title": "Community-embedded Services of Public Libraries",
        "authors": ["李雨桐"], "author_line_raw": "李雨桐",
        "affiliation": "浙江大学 公共管理学院，浙江 杭州 310058",
        "abstract": ABS,
        "keywords": ["公共图书馆", "社区嵌入", "阅读推广"],
        "CLC_number": "G258.2", "document_code": "A",
    },
})

# --- [提要]/[分类号] labels; numbered 作者单位 at the end linked to the byline marks. -----------
ABS = "突发公共事件对城市社区的应急能力提出了更高要求。本文从组织、物资、人员和信息四个方面分析社区应急能力的短板，并提出以平急结合为原则的能力建设路径。"
MORE.append({
    "name": "zh-numbered-affiliation-tail",
    "head": [
        "城市社区应急管理能力建设研究",
        "韩雪1　周涛2",
        "[提要]" + ABS,
        "[关键词]社区应急；韧性社区；平急结合",
        "[分类号]D035.29　[文献标识码]A",
    ],
    "sections": [
        (1, "一、", "社区应急能力的短板", False, []),
        (2, "（一）", "组织体系不健全", True, ["不少社区没有常设的应急工作小组，突发事件发生时临时抽调人员，分工不清。"]),
        (2, "（二）", "物资储备不足", True, ["社区应急物资储备点数量少、品类单一，难以满足持续数日的保障需求。"]),
        (1, "二、", "能力建设路径", False, ["应当坚持平急结合，把应急演练融入日常社区活动，并建立与专业救援力量的联动机制。"]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]薛澜，张强，钟开斌.危机管理：转型期中国面临的挑战[M].北京：清华大学出版社，2003.", "number": 1,
         "authors": ["薛澜", "张强", "钟开斌"], "title": "危机管理：转型期中国面临的挑战", "type": "M",
         "place": "北京", "publisher": "清华大学出版社", "year": 2003},
    ],
    "tail": ["作者单位：1.中国人民大学 公共管理学院；2.北京市应急管理局"],
    "expect": {
        "lang": "zh",
        "title": "城市社区应急管理能力建设研究",
        "authors": [{"name": "韩雪", "affiliations": ["aff1"]}, {"name": "周涛", "affiliations": ["aff2"]}],
        "author_line_raw": "韩雪1　周涛2",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "中国人民大学 公共管理学院"},
            {"id": "aff2", "label": "2", "name": "北京市应急管理局"},
        ],
        "abstract": ABS,
        "keywords": ["社区应急", "韧性社区", "平急结合"],
        "CLC_number": "D035.29", "document_code": "A",
    },
})

from corpus_english import ENGLISH  # noqa: E402

MORE.extend(ENGLISH)

# --- Volume/issue running header, 【摘 要】, decimal headings, English block last (upper case). ---
ABS = "城乡结合部是流动人口最为集中的区域。本文基于闵行区三个村居的问卷调查，从经济融入、社会交往和心理认同三个维度考察流动人口的社会融入状况，发现经济融入程度较高而心理认同相对滞后。"
ABS_EN = "Urban-rural fringe areas are where migrants concentrate most. Based on a survey in three villages of Minhang District, this paper finds that migrants are well integrated economically but lag behind in psychological identification."
MORE.append({
    "name": "zh-volume-header-english-last",
    "head": [
        "第35卷第3期 华东社会科学 2016年5月",
        "城乡结合部流动人口的社会融入",
        "孔德明1　谢婷2",
        "（1.华东理工大学 社会与公共管理学院，上海 200237；2.上海社会科学院 社会学研究所，上海 200235）",
        "【摘 要】" + ABS,
        "【关键词】流动人口；社会融入；城乡结合部",
        "【中图分类号】C922　【文献标识码】A　【文章编号】1008-7672(2016)03-0077-06",
    ],
    "sections": [
        (1, "1", "问题的提出", False, ["闵行区城乡结合部的外来常住人口已超过户籍人口，社会融入问题日益突出。"]),
        (1, "2", "数据与方法", False, []),
        (2, "2.1", "样本", False, ["调查采用分层抽样，共回收有效问卷六百一十二份。"]),
        (2, "2.2", "变量", False, ["社会融入分为经济融入、社会交往和心理认同三个维度，各由若干题项测量。"]),
        (1, "3", "结论", False, ["促进心理认同，需要在公共服务和社区参与方面给予流动人口更多机会。"]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]杨菊华.从隔离、选择融入到融合：流动人口社会融入问题的理论思考[J].人口研究，2009,33(1):17-29.",
         "number": 1, "authors": ["杨菊华"], "title": "从隔离、选择融入到融合：流动人口社会融入问题的理论思考",
         "type": "J", "container": "人口研究", "year": 2009, "volume": "33", "issue": "1", "pages": "17-29"},
        {"raw": "[2]王春光.农村流动人口的半城市化问题研究[M].北京：社会科学文献出版社，2006.", "number": 2,
         "authors": ["王春光"], "title": "农村流动人口的半城市化问题研究", "type": "M", "place": "北京",
         "publisher": "社会科学文献出版社", "year": 2006},
    ],
    "tail": [
        "Social Integration of Migrants in Urban-Rural Fringe Areas",
        "KONG Deming1, XIE Ting2",
        "(1. School of Social and Public Administration, East China University of Science and Technology, Shanghai 200237, China; 2. Institute of Sociology, Shanghai Academy of Social Sciences, Shanghai 200235, China)",
        "ABSTRACT: " + ABS_EN,
        "KEY WORDS: migrants; social integration; urban-rural fringe",
    ],
    "expect": {
        "lang": "zh",
        "journal_title": "华东社会科学", "volume": "35", "issue": 3, "year": 2016,
        "ISSN": "1008-7672", "fpage": 77, "lpage": 82,
        "article_number": "1008-7672(2016)03-0077-06",
        "article_number_parsed": {"ISSN": "1008-7672", "year": 2016, "issue": "03",
                                  "first_page": "0077", "page_count": "06"},
        "title": "城乡结合部流动人口的社会融入",
        "trans_title": "Social Integration of Migrants in Urban-Rural Fringe Areas",
        "authors": [
            {"name": "孔德明", "name_en": "KONG Deming", "affiliations": ["aff1"]},
            {"name": "谢婷", "name_en": "XIE Ting", "affiliations": ["aff2"]},
        ],
        "author_line_raw": "孔德明1　谢婷2",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "华东理工大学 社会与公共管理学院，上海 200237",
             "name_en": "School of Social and Public Administration, East China University of Science and Technology, Shanghai 200237, China"},
            {"id": "aff2", "label": "2", "name": "上海社会科学院 社会学研究所，上海 200235",
             "name_en": "Institute of Sociology, Shanghai Academy of Social Sciences, Shanghai 200235, China"},
        ],
        "abstract": ABS,
        "keywords": ["流动人口", "社会融入", "城乡结合部"],
        "trans_abstract": ABS_EN,
        "trans_keywords": ["migrants", "social integration", "urban-rural fringe"],
        "CLC_number": "C922", "document_code": "A",
    },
})

# --- 《》 header, 摘　要 with an ideographic space, footnote *通讯作者, name-prefixed 作者单位. ------
ABS = "“街长制”以街道为单元明确管理责任，把沿街商户、物业和居民的诉求集中到一名街长手中协调处理。本文以无锡市梁溪区为例，分析“街长制”的运行机制、治理成效和面临的问题。"
MORE.append({
    "name": "zh-footnote-corresponding-named-affiliations",
    "head": [
        "《江南论坛》2016年第3期",
        "“街长制”与城市街区的精细化管理",
        "马晓东　刘芳*",
        "摘　要：" + ABS,
        "关键词：街长制；街区管理；精细化治理",
        "中图分类号：D630　文献标识码：A　文章编号：1003-3955(2016)03-0021-03",
    ],
    "sections": [
        (1, "一、", "“街长制”的由来", False, ["2014年起，梁溪区在主要街道试行“街长制”，由街道干部担任街长。"]),
        (1, "二、", "运行机制", False, []),
        (2, "（一）", "一街一长", True, ["每条街道明确一名街长，负责统筹协调沿街商户、物业和居民反映的问题。"]),
        (2, "（二）", "一长多员", True, ["街长下设若干巡查员，分段负责日常巡查和问题上报。"]),
        (1, "三、", "成效与问题", False, ["试行两年来，沿街问题的平均处置时间明显缩短，但街长与职能部门之间的权责仍需进一步理顺。"]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]孙柏瑛.城市基层治理的精细化路径[J].中国行政管理，2015(6):21-26.", "number": 1,
         "authors": ["孙柏瑛"], "title": "城市基层治理的精细化路径", "type": "J", "container": "中国行政管理",
         "year": 2015, "issue": "6", "pages": "21-26"},
    ],
    "tail": [
        "*通讯作者：刘芳，E-mail：liufang@jnlt.cn",
        "作者单位：马晓东，无锡市社会科学院；刘芳，江南大学 法学院",
        "责任编辑：王磊",
    ],
    "expect": {
        "lang": "zh",
        "journal_title": "江南论坛", "year": 2016, "issue": 3, "ISSN": "1003-3955", "fpage": 21, "lpage": 23,
        "article_number": "1003-3955(2016)03-0021-03",
        "article_number_parsed": {"ISSN": "1003-3955", "year": 2016, "issue": "03",
                                  "first_page": "0021", "page_count": "03"},
        "title": "“街长制”与城市街区的精细化管理",
        "authors": [
            {"name": "马晓东", "affiliations": ["aff1"]},
            {"name": "刘芳", "affiliations": ["aff2"], "corresponding": True, "email": "liufang@jnlt.cn"},
        ],
        "author_line_raw": "马晓东　刘芳*",
        "affiliations": [
            {"id": "aff1", "name": "无锡市社会科学院"},
            {"id": "aff2", "name": "江南大学 法学院"},
        ],
        "corresponding_author": "刘芳",
        "abstract": ABS,
        "keywords": ["街长制", "街区管理", "精细化治理"],
        "CLC_number": "D630", "document_code": "A",
        "editor": "王磊",
    },
})
