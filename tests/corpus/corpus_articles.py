"""Hand-written corpus articles (invented content). See write_corpus.py."""

ISSUE_LINE = "城市治理评论 2018年第3期"
ISSUE = {"journal_title": "城市治理评论", "year": 2018, "issue": 3, "ISSN": "1672-1152", "lang": "zh"}


def artno(fp, count):
    return {
        "article_number": f"1672-1152(2018)03-{fp:04d}-{count:02d}",
        "article_number_parsed": {
            "ISSN": "1672-1152",
            "year": 2018,
            "issue": "03",
            "first_page": f"{fp:04d}",
            "page_count": f"{count:02d}",
        },
        "fpage": fp,
        "lpage": fp + count - 1,
    }


ARTICLES = []

# --- One issue of 城市治理评论 (2018, No. 3): pages 1-6, 7-11, 12-15, 16-22, 23-25. ---------

ARTICLES.append({
    "name": "cgr-2018-03-01-elevators",
    "head": [
        ISSUE_LINE,
        "老旧小区加装电梯的协商机制研究",
        "——以上海市杨浦区为例",
        "陈立群1，周晓燕2",
        "（1.复旦大学 国际关系与公共事务学院，上海 200433；2.上海市杨浦区社区治理研究中心，上海 200092）",
        "【摘要】老旧小区加装电梯涉及全体业主的共同利益，协商成本高、达成共识难。本文以上海市杨浦区的二十个小区为样本，分析居民协商的主要障碍，提出以居委会为平台、以楼组为单元、以专业社会组织为支撑的协商机制。研究发现，透明的费用分摊方案和稳定的议事规则是推动项目落地的关键。",
        "【关键词】加装电梯；协商民主；老旧小区；社区治理",
        "【中图分类号】D669.3　【文献标识码】A　【文章编号】1672-1152(2018)03-0001-06",
        "收稿日期：2018-03-02；修回日期：2018-04-18",
        "基金项目：上海市哲学社会科学规划课题“超大城市社区协商机制研究”（2017BZZ004）",
        "作者简介：陈立群（1978—），男，浙江宁波人，复旦大学国际关系与公共事务学院副教授，博士。",
    ],
    "sections": [
        (1, "一、", "问题的提出", False, []),
        (2, "（一）", "加装电梯的现实需求", True, [
            "上海中心城区建于上世纪八九十年代的多层住宅，大多没有配置电梯。随着居民年龄结构的变化，“爬楼难”已成为影响老年人生活质量的突出问题。",
            "据杨浦区民政部门统计，区内六层以下无电梯住宅涉及居民约十二万户，其中六十岁以上老人占比超过三成。",
        ]),
        (2, "（二）", "协商为何困难", True, [
            "加装电梯需要征得本幢楼业主的广泛同意，而低层住户往往顾虑采光、噪声和房价等问题。不同楼层之间的利益差异，使得协商过程常常陷入僵局。",
        ]),
        (1, "二、", "杨浦区的实践", False, []),
        (2, "（一）", "以居委会为平台搭建议事会", True, [
            "各小区居委会牵头成立加装电梯议事会，邀请楼组长、业委会成员和居民代表参加，定期公开工作进展。",
        ]),
        (2, "（二）", "以楼组为单元开展分层协商", True, [
            "协商从楼组内部开始，先由高层住户提出初步方案，再逐户听取低层住户的意见，最后形成书面协议。",
        ]),
        (2, "（三）", "引入专业社会组织提供支撑", True, [
            "区里通过政府购买服务，引入专业社会组织负责方案设计、费用测算和矛盾调处，减轻了居委会的工作压力。",
        ]),
        (1, "三、", "结论与讨论", False, [
            "杨浦区的经验表明，加装电梯不仅是工程问题，更是社区治理问题。稳定的议事规则、透明的费用分摊和专业力量的介入，是协商走向共识的三个条件。",
        ]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]王海燕，李明.城市老旧小区更新中的居民参与[J].城市问题，2016(7):80-86.", "number": 1,
         "authors": ["王海燕", "李明"], "title": "城市老旧小区更新中的居民参与", "type": "J",
         "container": "城市问题", "year": 2016, "issue": "7", "pages": "80-86"},
        {"raw": "[2]林尚立.社区民主与治理：案例研究[M].北京：社会科学文献出版社，2003.", "number": 2,
         "authors": ["林尚立"], "title": "社区民主与治理：案例研究", "type": "M",
         "place": "北京", "publisher": "社会科学文献出版社", "year": 2003},
        {"raw": "[3]张静.协商机制与基层治理[C]//中国政治学会.中国政治学年会论文集.北京：中国社会科学出版社，2015:112-120.",
         "number": 3, "authors": ["张静"], "title": "协商机制与基层治理", "type": "C",
         "container": "中国政治学年会论文集", "place": "北京", "publisher": "中国社会科学出版社",
         "year": 2015, "pages": "112-120"},
        {"raw": "[4]刘建军.居委会的治理角色[J].政治学研究，2012,28(2):33-41.", "number": 4,
         "authors": ["刘建军"], "title": "居委会的治理角色", "type": "J", "container": "政治学研究",
         "year": 2012, "volume": "28", "issue": "2", "pages": "33-41"},
    ],
    "tail": ["责任编辑：孙维"],
    "expect": {
        **ISSUE, **artno(1, 6),
        "title": "老旧小区加装电梯的协商机制研究——以上海市杨浦区为例",
        "authors": [
            {"name": "陈立群", "affiliations": ["aff1"]},
            {"name": "周晓燕", "affiliations": ["aff2"]},
        ],
        "author_line_raw": "陈立群1，周晓燕2",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "复旦大学 国际关系与公共事务学院，上海 200433"},
            {"id": "aff2", "label": "2", "name": "上海市杨浦区社区治理研究中心，上海 200092"},
        ],
        "abstract": "老旧小区加装电梯涉及全体业主的共同利益，协商成本高、达成共识难。本文以上海市杨浦区的二十个小区为样本，分析居民协商的主要障碍，提出以居委会为平台、以楼组为单元、以专业社会组织为支撑的协商机制。研究发现，透明的费用分摊方案和稳定的议事规则是推动项目落地的关键。",
        "keywords": ["加装电梯", "协商民主", "老旧小区", "社区治理"],
        "CLC_number": "D669.3",
        "document_code": "A",
        "dates": {"received": "2018-03-02", "revised": "2018-04-18"},
        "notes": [
            "基金项目：上海市哲学社会科学规划课题“超大城市社区协商机制研究”（2017BZZ004）",
            "作者简介：陈立群（1978—），男，浙江宁波人，复旦大学国际关系与公共事务学院副教授，博士。",
        ],
        "editor": "孙维",
    },
})

ARTICLES.append({
    "name": "cgr-2018-03-02-micro-renewal",
    "head": [
        ISSUE_LINE,
        "社区微更新中的公众参与：基于三个街区的比较",
        "刘文静①　黄志刚②",
        "①同济大学 建筑与城市规划学院，上海 200092",
        "②上海市规划和自然资源局，上海 200003",
        "[摘要]社区微更新强调小尺度、渐进式的空间改善，公众参与是其核心环节。本文比较上海三个街区的微更新项目，发现参与的深度取决于项目发起方式、设计师的角色定位和后续维护安排。",
        "[关键词]微更新；公众参与；社区规划师",
        "[中图分类号]TU984.12　[文献标识码]A　[文章编号]1672-1152(2018)03-0007-05",
        "DOI：10.13556/j.cnki.cgr.2018.03.002",
    ],
    "sections": [
        (1, "1", "引言", False, [
            "近年来，城市更新的重点从大规模拆除重建转向社区尺度的微更新。微更新项目投资小、周期短，但与居民日常生活关系密切。",
        ]),
        (1, "2", "研究设计", False, []),
        (2, "2.1", "案例选择", False, [
            "本文选择了三个街区：一个由街道发起，一个由居民自发提出，一个由高校设计团队主导。",
        ]),
        (2, "2.2", "资料来源", False, [
            "资料来自2017年至2018年间的参与式观察、二十六次半结构访谈以及项目档案。",
        ]),
        (1, "3", "比较分析", False, [
            "三个项目在参与深度上差异明显。居民发起的项目参与最为充分，但设计周期也最长。",
        ]),
        (1, "4", "结语", False, [
            "微更新中的公众参与需要制度化的安排，社区规划师可以在其中发挥桥梁作用。",
        ]),
    ],
    "refs_head": ["参考文献"],
    "refs": [
        {"raw": "[1]赵蕾.城市社区公共空间更新研究[D].上海：同济大学，2016.", "number": 1,
         "authors": ["赵蕾"], "title": "城市社区公共空间更新研究", "type": "D",
         "place": "上海", "publisher": "同济大学", "year": 2016},
        {"raw": "[2]上海市规划和国土资源管理局.上海市15分钟社区生活圈规划导则[EB/OL].(2016-08-15)[2018-03-20].http://www.shgtj.gov.cn/ghjh/201608/t20160815_693458.html.",
         "number": 2, "authors": ["上海市规划和国土资源管理局"], "title": "上海市15分钟社区生活圈规划导则",
         "type": "EB/OL", "year": 2016, "url": "http://www.shgtj.gov.cn/ghjh/201608/t20160815_693458.html"},
        {"raw": "[3]王小红.社区花园让邻里重新相识[N].解放日报，2017-11-06(05).", "number": 3,
         "authors": ["王小红"], "title": "社区花园让邻里重新相识", "type": "N",
         "container": "解放日报", "year": 2017, "pages": "05"},
        {"raw": "[4]马宏，应孔晋.社区空间微更新：上海城市有机更新背景下社区营造路径的探索[J].时代建筑，2016(4):10-17.",
         "number": 4, "authors": ["马宏", "应孔晋"],
         "title": "社区空间微更新：上海城市有机更新背景下社区营造路径的探索", "type": "J",
         "container": "时代建筑", "year": 2016, "issue": "4", "pages": "10-17"},
    ],
    "expect": {
        **ISSUE, **artno(7, 5),
        "title": "社区微更新中的公众参与：基于三个街区的比较",
        "authors": [
            {"name": "刘文静", "affiliations": ["aff1"]},
            {"name": "黄志刚", "affiliations": ["aff2"]},
        ],
        "author_line_raw": "刘文静①　黄志刚②",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "同济大学 建筑与城市规划学院，上海 200092"},
            {"id": "aff2", "label": "2", "name": "上海市规划和自然资源局，上海 200003"},
        ],
        "abstract": "社区微更新强调小尺度、渐进式的空间改善，公众参与是其核心环节。本文比较上海三个街区的微更新项目，发现参与的深度取决于项目发起方式、设计师的角色定位和后续维护安排。",
        "keywords": ["微更新", "公众参与", "社区规划师"],
        "CLC_number": "TU984.12",
        "document_code": "A",
        "doi": "10.13556/j.cnki.cgr.2018.03.002",
    },
})

ARTICLES.append({
    "name": "cgr-2018-03-03-foundations",
    "head": [
        ISSUE_LINE,
        "街道社区基金会的运作模式与发展路径",
        "徐婉清　韩东",
        "摘 要：社区基金会是动员本地资源、回应社区需求的新型公益组织。本文梳理了上海十五家街道社区基金会的发起方式、资金来源和项目运作，归纳出政府主导型、企业联动型和居民参与型三种模式，并讨论了其可持续发展的路径。",
        "关键词：社区基金会 公益资源 基层治理",
        "中国图书分类号：D632.9；C913.7　文献标志码：B　文章编号：1672-1152(2018)03-0012-04",
    ],
    "sections": [
        (1, "一、", "社区基金会的兴起", False, [
            "2014年以来，上海各街道陆续成立社区基金会。与传统慈善组织不同，社区基金会扎根于特定地域，资金主要用于本社区的公益项目。",
        ]),
        (1, "二、", "三种运作模式", False, []),
        (2, "（一）", "政府主导型", False, [
            "这一类型由街道办事处发起并提供原始资金，理事会成员多来自街道和居委会。其优势在于启动快，不足在于社会参与有限。",
        ]),
        (2, "（二）", "企业联动型", False, [
            "辖区企业以定向捐赠的方式参与，基金会围绕企业关心的议题设计项目，例如青少年教育和环境保护。",
        ]),
        (2, "（三）", "居民参与型", False, [
            "居民通过小额捐款和志愿服务参与基金会运作，项目由居民提案、理事会评审，参与感较强，但筹资规模较小。",
        ]),
        (1, "三、", "发展路径", False, [
            "社区基金会需要完善治理结构，拓展多元筹资渠道，并通过信息公开赢得居民信任。",
        ]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]SALAMON L M. Partners in public service: government-nonprofit relations in the modern welfare state[M]. Baltimore: Johns Hopkins University Press, 1995.",
         "number": 1, "authors": ["SALAMON L M"],
         "title": "Partners in public service: government-nonprofit relations in the modern welfare state",
         "type": "M", "place": "Baltimore", "publisher": "Johns Hopkins University Press", "year": 1995},
        {"raw": "[2]徐宇珊.社区基金会在我国的发展路径探讨[J].中国行政管理，2015(4):58-62.", "number": 2,
         "authors": ["徐宇珊"], "title": "社区基金会在我国的发展路径探讨", "type": "J",
         "container": "中国行政管理", "year": 2015, "issue": "4", "pages": "58-62"},
        {"raw": "[3]GRAHAM H, SMITH K. Community foundations and place-based philanthropy[J]. Nonprofit and Voluntary Sector Quarterly, 2014, 43(6): 1042-1060.",
         "number": 3, "authors": ["GRAHAM H", "SMITH K"],
         "title": "Community foundations and place-based philanthropy", "type": "J",
         "container": "Nonprofit and Voluntary Sector Quarterly", "year": 2014, "volume": "43",
         "issue": "6", "pages": "1042-1060"},
    ],
    "tail": [
        "作者单位：上海财经大学 公共经济与管理学院，上海 200433",
        "责任编辑：周岚",
    ],
    "expect": {
        **ISSUE, **artno(12, 4),
        "title": "街道社区基金会的运作模式与发展路径",
        "authors": ["徐婉清", "韩东"],
        "author_line_raw": "徐婉清　韩东",
        "affiliation": "上海财经大学 公共经济与管理学院，上海 200433",
        "abstract": "社区基金会是动员本地资源、回应社区需求的新型公益组织。本文梳理了上海十五家街道社区基金会的发起方式、资金来源和项目运作，归纳出政府主导型、企业联动型和居民参与型三种模式，并讨论了其可持续发展的路径。",
        "keywords": ["社区基金会", "公益资源", "基层治理"],
        "CLC_number": "D632.9；C913.7",
        "document_code": "B",
        "editor": "周岚",
    },
})

ARTICLES.append({
    "name": "cgr-2018-03-04-grid-management",
    "head": [
        ISSUE_LINE,
        "超大城市网格化管理的绩效评估",
        "孙明远1，2，钱蕾2",
        "（1.华东政法大学 政府管理学院，上海 201620；2.上海市城市网格化管理中心，上海 200040）",
        "摘要：网格化管理已成为超大城市精细化治理的重要工具。本文构建了包含响应速度、处置质量和群众满意度三个维度的绩效评估框架，并利用某区2015—2017年的案件数据进行实证检验。结果表明，案件处置的及时率显著提高，但群众满意度的提升相对滞后。",
        "关键词：网格化管理；绩效评估；精细化治理",
        "Performance Evaluation of Grid Management in Megacities",
        "SUN Mingyuan1,2, QIAN Lei2",
        "(1. School of Government, East China University of Political Science and Law, Shanghai 201620, China; 2. Shanghai Urban Grid Management Center, Shanghai 200040, China)",
        "Abstract: Grid management has become an important tool for the fine-grained governance of megacities. This paper builds an evaluation framework with three dimensions, namely response speed, handling quality and public satisfaction, and tests it with case data of one district from 2015 to 2017.",
        "Key words: grid management; performance evaluation; fine-grained governance",
        "中图分类号：D630　文献标识码：A　文章编号：1672-1152(2018)03-0016-07",
    ],
    "sections": [
        (1, "一、", "评估框架", False, []),
        (2, "（一）", "响应速度", False, []),
        (3, "1.", "案件发现时间", True, [
            "指从问题发生到被网格员或市民上报的时间间隔，是衡量主动发现能力的指标。",
        ]),
        (3, "2.", "派单时间", True, ["指案件受理后分派到责任部门所需的时间。"]),
        (2, "（二）", "处置质量", False, ["处置质量以一次办结率和返工率衡量。"]),
        (1, "二、", "数据与发现", False, [
            "2015—2017年该区共受理案件四十一万件，按期处置率由百分之八十六上升到百分之九十五。",
        ]),
        (1, "三、", "结语", False, ["网格化管理的绩效评估应当更加重视群众的主观感受。"]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]竺乾威.从新公共管理到整体性治理[J].中国行政管理，2008(10):52-58.", "number": 1,
         "authors": ["竺乾威"], "title": "从新公共管理到整体性治理", "type": "J",
         "container": "中国行政管理", "year": 2008, "issue": "10", "pages": "52-58"},
        {"raw": "[2]陈平.网格化城市管理新模式[M].北京：北京大学出版社，2006.", "number": 2,
         "authors": ["陈平"], "title": "网格化城市管理新模式", "type": "M", "place": "北京",
         "publisher": "北京大学出版社", "year": 2006},
    ],
    "expect": {
        **ISSUE, **artno(16, 7),
        "title": "超大城市网格化管理的绩效评估",
        "trans_title": "Performance Evaluation of Grid Management in Megacities",
        "authors": [
            {"name": "孙明远", "name_en": "SUN Mingyuan", "affiliations": ["aff1", "aff2"]},
            {"name": "钱蕾", "name_en": "QIAN Lei", "affiliations": ["aff2"]},
        ],
        "author_line_raw": "孙明远1，2，钱蕾2",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "华东政法大学 政府管理学院，上海 201620",
             "name_en": "School of Government, East China University of Political Science and Law, Shanghai 201620, China"},
            {"id": "aff2", "label": "2", "name": "上海市城市网格化管理中心，上海 200040",
             "name_en": "Shanghai Urban Grid Management Center, Shanghai 200040, China"},
        ],
        "abstract": "网格化管理已成为超大城市精细化治理的重要工具。本文构建了包含响应速度、处置质量和群众满意度三个维度的绩效评估框架，并利用某区2015—2017年的案件数据进行实证检验。结果表明，案件处置的及时率显著提高，但群众满意度的提升相对滞后。",
        "keywords": ["网格化管理", "绩效评估", "精细化治理"],
        "trans_abstract": "Grid management has become an important tool for the fine-grained governance of megacities. This paper builds an evaluation framework with three dimensions, namely response speed, handling quality and public satisfaction, and tests it with case data of one district from 2015 to 2017.",
        "trans_keywords": ["grid management", "performance evaluation", "fine-grained governance"],
        "CLC_number": "D630",
        "document_code": "A",
    },
})

ARTICLES.append({
    "name": "cgr-2018-03-05-elderly-care",
    "head": [
        ISSUE_LINE,
        "社区养老服务综合体的空间配置",
        "杨晨¹　林可欣¹²*",
        "（¹上海交通大学 国际与公共事务学院，上海 200030；²上海市老龄科学研究中心，上海 200040）",
        "通讯作者：林可欣，E-mail：linkx@sjtu.edu.cn",
        "摘要：社区养老服务综合体整合了日间照料、助餐、康复和医疗等功能。本文基于上海中心城区的调查，分析综合体服务半径与老年人使用频率之间的关系，提出按十五分钟步行圈配置综合体的建议。",
        "关键词：社区养老；服务综合体；空间配置；十五分钟生活圈",
        "中图分类号：C913.6　文献标识码：A　文章编号：1672-1152(2018)03-0023-03",
    ],
    "sections": [
        (1, "一、", "研究背景", False, [
            "上海是我国老龄化程度最高的城市之一。社区养老服务综合体被视为“家门口”养老的重要载体。",
        ]),
        (1, "二、", "调查发现", False, [
            "调查显示，居住地距综合体步行十分钟以内的老年人，每周使用服务的次数明显较多。",
        ]),
        (1, "三、", "政策建议", False, [
            "综合体的布局应与社区生活圈规划相衔接，优先补齐服务半径之外的空白区域。",
        ]),
    ],
    "refs_head": ["参考文献："],
    "refs": [
        {"raw": "[1]李斌，王依明.城市社区养老服务设施的空间布局研究[J].城市规划学刊，2017(2):97-104.",
         "number": 1, "authors": ["李斌", "王依明"], "title": "城市社区养老服务设施的空间布局研究",
         "type": "J", "container": "城市规划学刊", "year": 2017, "issue": "2", "pages": "97-104"},
        {"raw": "[2]上海市民政局.上海市社区养老服务综合体建设导则[R].上海：上海市民政局，2016.",
         "number": 2, "authors": ["上海市民政局"], "title": "上海市社区养老服务综合体建设导则",
         "type": "R", "place": "上海", "publisher": "上海市民政局", "year": 2016},
    ],
    "tail": [
        "Spatial Allocation of Community Elderly Care Complexes",
        "YANG Chen¹, LIN Kexin¹²*",
        "Abstract: Community elderly care complexes combine day care, meal service, rehabilitation and medical care. Based on a survey of central Shanghai, this paper analyses the relation between service radius and frequency of use.",
        "Key words: community elderly care; service complex; spatial allocation",
    ],
    "expect": {
        **ISSUE, **artno(23, 3),
        "title": "社区养老服务综合体的空间配置",
        "trans_title": "Spatial Allocation of Community Elderly Care Complexes",
        "authors": [
            {"name": "杨晨", "name_en": "YANG Chen", "affiliations": ["aff1"]},
            {"name": "林可欣", "name_en": "LIN Kexin", "affiliations": ["aff1", "aff2"],
             "corresponding": True, "email": "linkx@sjtu.edu.cn"},
        ],
        "author_line_raw": "杨晨¹　林可欣¹²*",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "上海交通大学 国际与公共事务学院，上海 200030"},
            {"id": "aff2", "label": "2", "name": "上海市老龄科学研究中心，上海 200040"},
        ],
        "corresponding_author": "林可欣",
        "abstract": "社区养老服务综合体整合了日间照料、助餐、康复和医疗等功能。本文基于上海中心城区的调查，分析综合体服务半径与老年人使用频率之间的关系，提出按十五分钟步行圈配置综合体的建议。",
        "keywords": ["社区养老", "服务综合体", "空间配置", "十五分钟生活圈"],
        "trans_abstract": "Community elderly care complexes combine day care, meal service, rehabilitation and medical care. Based on a survey of central Shanghai, this paper analyses the relation between service radius and frequency of use.",
        "trans_keywords": ["community elderly care", "service complex", "spatial allocation"],
        "CLC_number": "C913.6",
        "document_code": "A",
    },
})

# The issue's English article (text by the lead, in articles/city-governance-review/2018-03);
# it prints no journal codes: the issue manifest supplies journal, year, issue and pages.
ABS_06 = "Street committees remain the most visible layer of local government in Chinese cities, yet their daily work is rarely described in English. Drawing on interviews with 36 committee staff and residents in two districts, we describe how committees allocate attention between service delivery, dispute mediation and the reporting duties set by higher levels. We find that staff spend most of their time on reporting, and that residents value mediation most."
ARTICLES.append({
    "name": "cgr-2018-03-06-street-committees",
    "head": [
        "Street Committees and Everyday Governance in a Changing Megacity",
        "Laura M. Bennett1, Zhang Hao2",
        "1 School of Geography, University of Bristol, Bristol BS8 1SS, United Kingdom",
        "2 Institute of Urban Studies, Shanghai Jiao Tong University, Shanghai 200030, China",
        "Received: 10 March 2018; Accepted: 2 June 2018",
        "Abstract: " + ABS_06,
        "Keywords: street committees; local government; mediation; Shanghai",
    ],
    "sections": [
        (1, "1.", "Introduction", False, [
            "Street committees sit between the district government and the residents' committees. Their staff know the neighbourhood by name, and most residents meet the state through them rather than through any higher office.",
            "This article asks a simple question: what do committee staff actually spend their days on, and how do residents judge that work?",
        ]),
        (1, "2.", "Data and Methods", False, [
            "We interviewed 24 staff members and 12 residents in two districts between September 2017 and January 2018. Interviews lasted about one hour and were recorded with consent.",
        ]),
        (2, "2.1", "Coding", False, [
            "Transcripts were coded for tasks, time spent and the purpose of each task. Two coders worked independently and resolved differences by discussion.",
        ]),
        (1, "3.", "Findings", False, [
            "Reporting duties took the largest share of staff time: forms, inspections and statistics for higher levels. Mediation of disputes between neighbours took less time but was the task residents mentioned first when asked what the committee is for.",
        ]),
        (1, "4.", "Conclusion", False, [
            "Reducing reporting duties would free time for the work residents value. Committees that shared one reporting office across several streets already show how this can be done.",
        ]),
    ],
    "refs_head": ["References"],
    "refs": [
        {"raw": "1. Read BL. Roots of the state: neighborhood organization and social networks in Beijing and Taipei. Stanford: Stanford University Press; 2012.",
         "number": 1, "authors": ["Read BL"],
         "title": "Roots of the state: neighborhood organization and social networks in Beijing and Taipei",
         "place": "Stanford", "publisher": "Stanford University Press", "year": 2012},
        {"raw": "2. Heberer T, Göbel C. The politics of community building in urban China. London: Routledge; 2011.",
         "number": 2, "authors": ["Heberer T", "Göbel C"],
         "title": "The politics of community building in urban China", "place": "London",
         "publisher": "Routledge", "year": 2011},
        {"raw": "3. Tomba L. The government next door: neighborhood politics in urban China. Ithaca: Cornell University Press; 2014.",
         "number": 3, "authors": ["Tomba L"],
         "title": "The government next door: neighborhood politics in urban China", "place": "Ithaca",
         "publisher": "Cornell University Press", "year": 2014},
    ],
    "expect": {
        "lang": "en",
        "title": "Street Committees and Everyday Governance in a Changing Megacity",
        "authors": [
            {"name": "Laura M. Bennett", "affiliations": ["aff1"]},
            {"name": "Zhang Hao", "affiliations": ["aff2"]},
        ],
        "author_line_raw": "Laura M. Bennett1, Zhang Hao2",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "School of Geography, University of Bristol, Bristol BS8 1SS, United Kingdom"},
            {"id": "aff2", "label": "2", "name": "Institute of Urban Studies, Shanghai Jiao Tong University, Shanghai 200030, China"},
        ],
        "dates": {"received": "2018-03-10", "accepted": "2018-06-02"},
        "abstract": ABS_06,
        "keywords": ["street committees", "local government", "mediation", "Shanghai"],
    },
})

from corpus_more import MORE  # noqa: E402

ARTICLES.extend(MORE)
