use super::hypothesis::{Slot, byte_of};
use super::model::{Forward, annotate_into, inner_pairs};
use super::search::{assignments, value_shows};
use super::*;

fn dict(t: &Tables, keys: &[(char, &str)]) -> Dict {
    let mut d: Dict = keys
        .iter()
        .map(|&(c, p)| (t.code(c).unwrap(), annotation_bytes(t, p).unwrap()))
        .collect();
    d.sort();
    d
}

fn gbk(t: &Tables, s: &str) -> Vec<u8> {
    let mut v = Vec::new();
    for c in s.chars() {
        assert!(t.encode(c, &mut v));
    }
    v
}

#[test]
fn forward_reproduces_the_documented_garbles() {
    let t = Tables::new();
    let d = dict(&t, &[('創', "chuàng"), ('獎', "jiǎng")]);
    assert_eq!(forward(&t, &gbk(&t, "要創新"), &d), "要?jiǎng)?chuàng)新");
    let d = dict(&t, &[('側', "cè")]);
    assert_eq!(forward(&t, &gbk(&t, "總人口3079人"), &d), "總?cè)丝?079人");
    let d = dict(&t, &[('現', "xiàn")]);
    assert_eq!(forward(&t, &gbk(&t, "覆蓋。現在"), &d), "覆蓋?,F(xiàn)在");
    let d = dict(
        &t,
        &[('數', "shù"), ('會', "huì"), ('機', "jī"), ('當', "dāng")],
    );
    assert_eq!(
        forward(&t, &gbk(&t, "當地的機會"), &d),
        "當(dāng)?shù)氐臋C(jī)會(huì)"
    );
    assert_eq!(
        forward(&t, &gbk(&t, "作用。可見，社"), &Dict::new()),
        "作用??梢?,社"
    );
}

#[test]
fn only_codes_formed_on_unknown_bytes_make_assignments_differ() {
    use Slot::{K, U};
    // 中 (D6D0) then a byte the decoders ate, then 文 (CEC4).
    let o = [K(0xD6), K(0xD0), U(0), K(0xCE), K(0xC4)];
    let shows = |v: u8, keys: &[u16], req: &[usize]| {
        let bytes: Vec<u8> = o.iter().map(|&s| byte_of(s, &[v])).collect();
        !value_shows(&o, &bytes, req, |c| keys.contains(&c)).is_empty()
    };
    assert!(
        !shows(0xB0, &[0xD6D0, 0xCEC4], &[]),
        "keys on known bytes only"
    );
    assert!(shows(0xB0, &[0xB0CE], &[]), "the unknown byte forms a key");
    assert!(!shows(0xAC, &[], &[]), "D0 AC is no punctuation code");
    let o2 = [K(0xA3), U(0), K(0xCE), K(0xC4)];
    let bytes: Vec<u8> = o2.iter().map(|&s| byte_of(s, &[0xAC])).collect();
    assert_eq!(
        value_shows(&o2, &bytes, &[], |_| false),
        [0],
        "A3 AC shows as `,`"
    );
    // An annotation after (D0, unknown): that pair is a key whatever the value, but the
    // code it forms is a key for the known pair D0 B0 too.
    let o3 = [K(0xD6), K(0xD0), U(0), K(0xD0), K(0xB0)];
    let bytes: Vec<u8> = o3.iter().map(|&s| byte_of(s, &[0xB0])).collect();
    assert_eq!(value_shows(&o3, &bytes, &[3], |_| false), [0]);
    let bytes: Vec<u8> = o3.iter().map(|&s| byte_of(s, &[0xB1])).collect();
    assert_eq!(value_shows(&o3, &bytes, &[3], |_| false), [] as [usize; 0]);
    // ...and if 中 (D6D0) is a key too, the two overlap, but D0xx sorts before D6D0
    // whatever the value.
    assert_eq!(
        value_shows(&o3, &bytes, &[3], |c| c == 0xD6D0),
        [] as [usize; 0]
    );
    // A key D0D0 before the annotated pair D0xx ties on D0: the value decides.
    let o4 = [K(0xD0), K(0xD0), U(0), K(0xCE), K(0xC4)];
    let bytes: Vec<u8> = o4.iter().map(|&s| byte_of(s, &[0xB1])).collect();
    assert_eq!(value_shows(&o4, &bytes, &[3], |c| c == 0xD0D0), [0]);
    assert_eq!(value_shows(&o4, &bytes, &[3], |_| false), [] as [usize; 0]);
    // An annotated pair that starts with the unknown byte sorts anywhere.
    assert_eq!(value_shows(&o4, &bytes, &[4], |c| c == 0xCEC4), [0]);
}

/// Tables and a reading index (identity script map) for the property tests: built once.
fn tables() -> &'static (Tables, ReadingIndex) {
    static T: std::sync::OnceLock<(Tables, ReadingIndex)> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let t = Tables::new();
        let idx = ReadingIndex::new(&t, &|c| c);
        (t, idx)
    })
}

proptest::proptest! {
    /// The narrowed depth-first search finds exactly the assignments that a walk over every
    /// value of a group's one or two unknown bytes accepts, in the walk's order (the first
    /// byte fastest), so that candidates of equal score rank as the walk ranked them.
    #[test]
    fn narrowed_search_is_the_exhaustive_walk(
        two in proptest::bool::ANY,
        known in proptest::collection::vec(0x81u8..=0xFE, 2),
        pairs in proptest::collection::vec((0usize..3, proptest::option::of(0usize..8)), 1..4),
    ) {
        use Slot::{K, U};
        let (t, idx) = tables();
        let readings = ["zhōng", "guó", "shì", "de", "yī", "jiǎng", "chuàng", "xiàn"];
        let (o, comp): (Vec<Slot>, Vec<usize>) = if two {
            (vec![K(known[0]), U(0), U(1), K(known[1])], vec![0, 1])
        } else {
            (vec![K(known[0]), U(0), K(known[1])], vec![0])
        };
        // Pairs of neighbouring slots that hold an unknown byte, some with a reading.
        let checks: Vec<(usize, usize, Option<&Codes>)> = pairs
            .iter()
            .filter(|&&(a, _)| a + 1 < o.len())
            .map(|&(a, r)| (a, a + 1, r.and_then(|r| idx.codes(readings[r]))))
            .collect();
        let mut vals = vec![0u8; comp.len()];
        let found = assignments(t, &o, &comp, &checks, &mut vals);
        let mut walk = Vec::new();
        for code in 0..126u32.pow(comp.len() as u32) {
            let mut c = code;
            for &u in &comp {
                vals[u] = 0x81 + (c % 126) as u8;
                c /= 126;
            }
            let ok = checks.iter().all(|&(a, b, p)| {
                let (x, y) = (byte_of(o[a], &vals), byte_of(o[b], &vals));
                t.pair(x, y).is_some() && p.is_none_or(|set| set.contains(&((x as u16) << 8 | y as u16)))
            });
            if ok {
                walk.push(comp.iter().map(|&u| vals[u]).collect::<Vec<u8>>());
            }
        }
        proptest::prop_assert_eq!(found, Some(walk));
    }

    #[test]
    fn code_bits_is_a_set(codes in proptest::collection::vec(proptest::num::u16::ANY, 0..200), probes in proptest::collection::vec(proptest::num::u16::ANY, 0..200)) {
        let (mut bits, mut set) = (CodeBits::default(), CodeSet::default());
        for &c in codes.iter().chain([0, 63, 64, 0xFFFF].iter()) {
            proptest::prop_assert_eq!(bits.insert(c), set.insert(c));
        }
        for c in probes.iter().chain(codes.iter()).copied().chain([0, 1, 63, 64, 65, 0xFFFE, 0xFFFF]) {
            proptest::prop_assert_eq!(bits.contains(c), set.contains(&c), "{:#06x}", c);
        }
    }

    /// The one-pass annotator (or its fallback, where keys cascade) agrees with applying
    /// the whole dictionary one key at a time.
    #[test]
    fn one_pass_annotation_is_the_annotators(
        o in proptest::collection::vec(proptest::sample::select(vec![0x41u8, 0x84, 0x93, 0xAA, 0xB5, 0xD2, 0xA1, 0xA3, 0xA4, 0xB9, 0xA8, 0x6E, 0x28, 0x30]), 0..24),
        picks in proptest::collection::vec(0usize..12, 0..6),
    ) {
        // The last two can match inside the annotations `(àn)` and `(lüè)`.
        let pool: [u16; 12] = [0x8493, 0xAA84, 0x84AA, 0x9384, 0xD2AA, 0xB5B5, 0xA1A3, 0xA3B5, 0x9393, 0xA141, 0xA46E, 0xB9A8];
        let anns: [&[u8]; 2] = [b"(\xa8\xa4n)", b"(l\xa8\xb9\xa8\xa8)"];
        let mut keys: Vec<(u16, &[u8])> = picks
            .iter()
            .map(|&k| (pool[k], anns[k % 2]))
            .collect();
        keys.sort_unstable();
        keys.dedup_by_key(|e| e.0);
        let (mut seq, mut tmp) = (Vec::new(), Vec::new());
        annotate_into(&o, &keys, &mut seq, &mut tmp);
        let mut fw = Forward { o: o.clone(), ..Default::default() };
        let ann_of = |c: u16| keys.iter().find(|e| e.0 == c).map(|e| e.1);
        let mut inner = Vec::new();
        inner_pairs(keys.iter().map(|e| e.1), &mut inner);
        let cascading: Vec<(u16, &[u8])> = keys.iter().copied().filter(|e| inner.contains(&e.0)).collect();
        fw.annotate(ann_of, &cascading);
        proptest::prop_assert_eq!(fw.a, seq);
    }
}

#[test]
fn line_end_marks_are_the_marks() {
    let (t, _) = tables();
    let marks: String = (search::line_end_marks().iter())
        .filter_map(|&c| t.pair((c >> 8) as u8, c as u8))
        .collect();
    assert_eq!(marks, "。…’”》」』！）？");
}
