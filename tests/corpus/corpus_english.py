"""English-only corpus articles (APA and Vancouver references)."""

ENGLISH = []

ABS = "Community gardens are often promoted as spaces that build social ties. Using survey data from 1,204 residents in three cities, we examine whether participation in neighbourhood gardens is associated with later civic engagement. Garden participants were more likely to attend local meetings, but the association weakened after accounting for prior volunteering."
ENGLISH.append({
    "name": "en-apa-gardens",
    "head": [
        "Journal of Community Studies, Vol. 12, No. 3, 2019, pp. 45-58",
        "ISSN 2045-8827 (Print), ISSN 1537-8047 (Online)",
        "DOI: 10.5555/jcs.2019.0345",
        "Neighbourhood Gardens and Civic Participation: Evidence from Three Cities",
        "Hannah R. Clarke1, Daniel Osei2,*, and Mei Lin1",
        "1 Department of Sociology, University of Leeds, Leeds LS2 9JT, United Kingdom",
        "2 School of Public Policy, University of Ghana, Accra, Ghana",
        "*Corresponding author: Daniel Osei, E-mail: d.osei@ug.edu.gh",
        "Received: 14 January 2019; Revised: 2 April 2019; Accepted: 20 May 2019",
        "Abstract: " + ABS,
        "Keywords: community gardens; civic participation; social capital; urban neighbourhoods",
    ],
    "sections": [
        (1, "1.", "Introduction", False, [
            "Urban community gardens have spread rapidly over the past two decades. Advocates argue that shared cultivation creates everyday contact between neighbours who would otherwise rarely meet.",
            "This article asks whether such contact translates into civic participation beyond the garden.",
        ]),
        (1, "2.", "Data and Methods", False, []),
        (2, "2.1", "Survey", False, ["We surveyed residents of Leeds, Accra and Toronto between 2016 and 2017."]),
        (2, "2.2", "Measures", False, [
            "Civic participation was measured with a five-item index covering meetings, petitions and local volunteering.",
        ]),
        (1, "3.", "Results", False, ["Garden participants reported higher civic participation on four of the five items."]),
        (1, "4.", "Conclusion", False, [
            "Neighbourhood gardens may support civic life, but they work best alongside existing local organisations.",
        ]),
    ],
    "refs_head": ["References"],
    "refs": [
        {"raw": "Clarke, H. R. (2017). Growing together: Allotments and belonging in northern England. Sociological Review, 65(4), 712–729. https://doi.org/10.5555/sr.2017.0712",
         "authors": ["Clarke, H. R."], "title": "Growing together: Allotments and belonging in northern England",
         "container": "Sociological Review", "year": 2017, "volume": "65", "issue": "4", "pages": "712–729",
         "doi": "10.5555/sr.2017.0712"},
        {"raw": "Firth, C., Maye, D., & Pearson, D. (2011). Developing \"community\" in community gardens. Local Environment, 16(6), 555–568.",
         "authors": ["Firth, C.", "Maye, D.", "Pearson, D."], "title": "Developing \"community\" in community gardens",
         "container": "Local Environment", "year": 2011, "volume": "16", "issue": "6", "pages": "555–568"},
        {"raw": "Putnam, R. D. (2000). Bowling alone: The collapse and revival of American community. New York: Simon & Schuster.",
         "authors": ["Putnam, R. D."], "title": "Bowling alone: The collapse and revival of American community",
         "place": "New York", "publisher": "Simon & Schuster", "year": 2000},
    ],
    "expect": {
        "lang": "en",
        "journal_title": "Journal of Community Studies", "volume": "12", "issue": 3, "year": 2019,
        "fpage": 45, "lpage": 58, "ISSN": "2045-8827", "eISSN": "1537-8047",
        "doi": "10.5555/jcs.2019.0345",
        "title": "Neighbourhood Gardens and Civic Participation: Evidence from Three Cities",
        "authors": [
            {"name": "Hannah R. Clarke", "affiliations": ["aff1"]},
            {"name": "Daniel Osei", "affiliations": ["aff2"], "corresponding": True, "email": "d.osei@ug.edu.gh"},
            {"name": "Mei Lin", "affiliations": ["aff1"]},
        ],
        "author_line_raw": "Hannah R. Clarke1, Daniel Osei2,*, and Mei Lin1",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "Department of Sociology, University of Leeds, Leeds LS2 9JT, United Kingdom"},
            {"id": "aff2", "label": "2", "name": "School of Public Policy, University of Ghana, Accra, Ghana"},
        ],
        "corresponding_author": "Daniel Osei",
        "dates": {"received": "2019-01-14", "revised": "2019-04-02", "accepted": "2019-05-20"},
        "abstract": ABS,
        "keywords": ["community gardens", "civic participation", "social capital", "urban neighbourhoods"],
    },
})

ABS = "Short sleep is common among adolescents and may impair learning. We followed 860 students for one school year and related self-reported sleep duration to examination results. Students sleeping less than seven hours scored lower in mathematics and languages after adjustment for socioeconomic status."
ENGLISH.append({
    "name": "en-vancouver-sleep",
    "head": [
        "Sleep Duration and Academic Performance in Secondary School Students",
        "Priya Raman1, Tomasz Nowak2, Aiko Tanaka1",
        "1Department of Paediatrics, University of Auckland, Auckland, New Zealand",
        "2Faculty of Health Sciences, University of Warsaw, Warsaw, Poland",
        "Abstract",
        ABS,
        "Keywords: adolescents, sleep, academic performance",
    ],
    "sections": [
        (1, "1", "Introduction", False, ["Adolescents need eight to ten hours of sleep, yet many sleep far less on school nights."]),
        (2, "1.1", "Aims", False, ["We asked whether sleep duration predicts examination results within one school year."]),
        (1, "2", "Methods", False, ["Students completed sleep diaries for two weeks in each term."]),
        (1, "3", "Results", False, ["Each additional hour of sleep was associated with a small gain in mathematics scores."]),
        (1, "4", "Discussion", False, ["Later school start times may be a practical way to protect sleep."]),
    ],
    "refs_head": ["References"],
    "refs": [
        {"raw": "1. Carskadon MA. Sleep in adolescents: the perfect storm. Pediatr Clin North Am. 2011;58(3):637-47.",
         "number": 1, "authors": ["Carskadon MA"], "title": "Sleep in adolescents: the perfect storm",
         "container": "Pediatr Clin North Am", "year": 2011, "volume": "58", "issue": "3", "pages": "637-47"},
        {"raw": "2. Wolfson AR, Carskadon MA. Sleep schedules and daytime functioning in adolescents. Child Dev. 1998;69(4):875-87.",
         "number": 2, "authors": ["Wolfson AR", "Carskadon MA"],
         "title": "Sleep schedules and daytime functioning in adolescents", "container": "Child Dev",
         "year": 1998, "volume": "69", "issue": "4", "pages": "875-87"},
        {"raw": "3. Owens J. Insufficient sleep in adolescents and young adults. Pediatrics. 2014;134(3):e921-32.",
         "number": 3, "authors": ["Owens J"], "title": "Insufficient sleep in adolescents and young adults",
         "container": "Pediatrics", "year": 2014, "volume": "134", "issue": "3", "pages": "e921-32"},
        {"raw": "4. Walker M. Why we sleep. New York: Scribner; 2017.", "number": 4, "authors": ["Walker M"],
         "title": "Why we sleep", "place": "New York", "publisher": "Scribner", "year": 2017},
    ],
    "expect": {
        "lang": "en",
        "title": "Sleep Duration and Academic Performance in Secondary School Students",
        "authors": [
            {"name": "Priya Raman", "affiliations": ["aff1"]},
            {"name": "Tomasz Nowak", "affiliations": ["aff2"]},
            {"name": "Aiko Tanaka", "affiliations": ["aff1"]},
        ],
        "author_line_raw": "Priya Raman1, Tomasz Nowak2, Aiko Tanaka1",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "Department of Paediatrics, University of Auckland, Auckland, New Zealand"},
            {"id": "aff2", "label": "2", "name": "Faculty of Health Sciences, University of Warsaw, Warsaw, Poland"},
        ],
        "abstract": ABS,
        "keywords": ["adolescents", "sleep", "academic performance"],
    },
})

ABS = "We study how local rent caps affect the mobility of tenants in twelve mid-sized German cities. Using administrative moving records, we find that rent caps reduce moves within the regulated stock but increase moves to surrounding municipalities."
ENGLISH.append({
    "name": "en-unnumbered-bad-pages",
    "head": [
        "International Review of Housing Policy, Vol. 7, No. 2, 2021, pp. 58-45",
        "ISSN 0362-1138",
        "Rent Regulation and Tenant Mobility in Mid-sized Cities",
        "Laura Becker",
        "Institute for Urban Research, Humboldt University of Berlin, Berlin, Germany",
        "Received: 3 March 2021; Accepted: 12 January 2021",
        "Abstract: " + ABS,
        "Keywords: rent regulation; residential mobility; housing policy",
    ],
    "sections": [
        (1, None, "Introduction", False, ["Rent regulation has returned to the policy agenda in many European countries."]),
        (1, None, "Methods", False, ["We use administrative records of residential moves between 2012 and 2019."]),
        (1, None, "Results", False, ["Moves within regulated buildings fell by about a tenth after the caps took effect."]),
        (1, None, "Conclusion", False, ["Rent caps redistribute mobility rather than simply reducing it."]),
    ],
    "refs_head": ["References"],
    "refs": [
        {"raw": "Becker, L. (2018). Housing markets in transition. Urban Studies, 55(9), 1901–1918.",
         "authors": ["Becker, L."], "title": "Housing markets in transition", "container": "Urban Studies",
         "year": 2018, "volume": "55", "issue": "9", "pages": "1901–1918"},
        {"raw": "Kholodilin, K. A. (2020). Long-term, multicountry perspective on rental market regulations. Housing Policy Debate, 30(6), 994–1015.",
         "authors": ["Kholodilin, K. A."], "title": "Long-term, multicountry perspective on rental market regulations",
         "container": "Housing Policy Debate", "year": 2020, "volume": "30", "issue": "6", "pages": "994–1015"},
    ],
    "expect": {
        "lang": "en",
        "journal_title": "International Review of Housing Policy", "volume": "7", "issue": 2, "year": 2021,
        "fpage": 58, "lpage": 45, "ISSN": "0362-1138",
        "title": "Rent Regulation and Tenant Mobility in Mid-sized Cities",
        "authors": ["Laura Becker"], "author_line_raw": "Laura Becker",
        "affiliation": "Institute for Urban Research, Humboldt University of Berlin, Berlin, Germany",
        "dates": {"received": "2021-03-03", "accepted": "2021-01-12"},
        "abstract": ABS,
        "keywords": ["rent regulation", "residential mobility", "housing policy"],
    },
    "warnings": [
        ("page-range", "lpage", "International Review of Housing Policy"),
        ("date-order", "dates.accepted", "Received: 3 March 2021"),
    ],
})

ABS = "Neighbourhood walkability may help older adults stay active. We linked accelerometer data from 1,350 adults aged 65 and over to a walkability index of their home neighbourhoods. Higher walkability was associated with more daily steps, especially among women."
ENGLISH.append({
    "name": "en-vancouver-bracketed-walkability",
    "head": [
        "J Urban Health Pract. 2020;8(2):101-112",
        "Walkability and Physical Activity among Older Adults: A Cross-sectional Study",
        "Carlos M. Ortega1,2 and Sofia Lindqvist3",
        "1 Department of Public Health, University of Barcelona, Barcelona, Spain",
        "2 Barcelona Institute for Global Health, Barcelona, Spain",
        "3 Department of Geriatrics, Karolinska Institute, Stockholm, Sweden",
        "Corresponding author: Sofia Lindqvist, sofia.lindqvist@ki.se",
        "Received: 2 December 2019; Accepted: 14 March 2020; Published online: 5 June 2020",
        "ABSTRACT",
        ABS,
        "Keywords: walkability; physical activity; older adults; built environment",
    ],
    "sections": [
        (1, "1.", "Background", False, [
            "Physical activity declines with age, and the built environment may either support or hinder it.",
        ]),
        (1, "2.", "Methods", False, []),
        (2, "2.1.", "Participants", False, [
            "Participants were recruited from primary care registers in Barcelona and Stockholm.",
        ]),
        (2, "2.2.", "Walkability index", False, [
            "The index combined residential density, street connectivity and land-use mix.",
        ]),
        (1, "3.", "Results", False, ["Participants in the most walkable quartile took about 1,100 more steps per day."]),
        (1, "4.", "Conclusions", False, ["Planning for walkable neighbourhoods may support healthy ageing."]),
    ],
    "refs_head": ["References"],
    "refs": [
        {"raw": "[1] Sallis JF, Cerin E, Conway TL, et al. Physical activity in relation to urban environments in 14 cities worldwide. Lancet. 2016;387(10034):2207-17.",
         "number": 1, "authors": ["Sallis JF", "Cerin E", "Conway TL"],
         "title": "Physical activity in relation to urban environments in 14 cities worldwide",
         "container": "Lancet", "year": 2016, "volume": "387", "issue": "10034", "pages": "2207-17"},
        {"raw": "[2] Frank LD, Schmid TL, Sallis JF, Chapman J, Saelens BE. Linking objectively measured physical activity with objectively measured urban form. Am J Prev Med. 2005;28(2 Suppl 2):117-25.",
         "number": 2, "authors": ["Frank LD", "Schmid TL", "Sallis JF", "Chapman J", "Saelens BE"],
         "title": "Linking objectively measured physical activity with objectively measured urban form",
         "container": "Am J Prev Med", "year": 2005, "volume": "28", "issue": "2 Suppl 2", "pages": "117-25"},
        {"raw": "[3] Gehl J. Cities for people. Washington: Island Press; 2010.", "number": 3,
         "authors": ["Gehl J"], "title": "Cities for people", "place": "Washington",
         "publisher": "Island Press", "year": 2010},
    ],
    "expect": {
        "lang": "en",
        "journal_title": "J Urban Health Pract", "year": 2020, "volume": "8", "issue": 2,
        "fpage": 101, "lpage": 112,
        "title": "Walkability and Physical Activity among Older Adults: A Cross-sectional Study",
        "authors": [
            {"name": "Carlos M. Ortega", "affiliations": ["aff1", "aff2"]},
            {"name": "Sofia Lindqvist", "affiliations": ["aff3"], "corresponding": True,
             "email": "sofia.lindqvist@ki.se"},
        ],
        "author_line_raw": "Carlos M. Ortega1,2 and Sofia Lindqvist3",
        "affiliations": [
            {"id": "aff1", "label": "1", "name": "Department of Public Health, University of Barcelona, Barcelona, Spain"},
            {"id": "aff2", "label": "2", "name": "Barcelona Institute for Global Health, Barcelona, Spain"},
            {"id": "aff3", "label": "3", "name": "Department of Geriatrics, Karolinska Institute, Stockholm, Sweden"},
        ],
        "corresponding_author": "Sofia Lindqvist",
        "dates": {"received": "2019-12-02", "accepted": "2020-03-14", "published": "2020-06-05"},
        "abstract": ABS,
        "keywords": ["walkability", "physical activity", "older adults", "built environment"],
    },
})
