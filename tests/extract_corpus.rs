//! The hand-written corpus in tests/corpus/articles: every `NAME.txt` extracts to
//! `NAME.expected.json` field by field (warnings compared by kind, field and line).
//! The articles are invented; tests/corpus/write_corpus.py writes both files from one
//! hand-written definition per article.

use std::path::Path;

use serde_json::{Map, Value};

fn prune(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), prune(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(prune).collect()),
        other => other.clone(),
    }
}

/// The article as compared: no provenance, warnings reduced to kind/field/line.
fn comparable(art: &galley::Article) -> Map<String, Value> {
    let mut v = prune(&serde_json::to_value(art).expect("serialises"));
    let m = v.as_object_mut().expect("object");
    m.remove("provenance");
    if let Some(Value::Array(ws)) = m.get_mut("warnings") {
        for w in ws.iter_mut() {
            if let Value::Object(o) = w {
                o.remove("message");
            }
        }
    }
    m.clone()
}

/// Fields a text-derived value must name its source lines for.
fn provenance_key(field: &str) -> Option<&str> {
    match field {
        "lang" | "warnings" => None,
        "article_number_parsed" => Some("article_number"),
        other => Some(other),
    }
}

#[test]
fn corpus_articles_extract_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/articles");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "corpus has {} articles", names.len());
    let (mut total, mut exact) = (0usize, 0usize);
    let mut failures = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("txt");
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).expect("json"),
        )
        .expect("expected json parses");
        let want = prune(&want);
        let want = want.as_object().expect("object");
        let art = galley::extract::extract(&text);
        let got = comparable(&art);
        let mut keys: Vec<&String> = want.keys().chain(got.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            // Sections and references count one field per element.
            let (w, g) = (want.get(k), got.get(k));
            let pairs: Vec<(Option<&Value>, Option<&Value>, String)> = match (w, g) {
                (Some(Value::Array(wa)), Some(Value::Array(ga)))
                    if k == "sections" || k == "references" =>
                {
                    (0..wa.len().max(ga.len()))
                        .map(|i| (wa.get(i), ga.get(i), format!("{k}[{i}]")))
                        .collect()
                }
                _ => vec![(w, g, k.clone())],
            };
            for (w, g, label) in pairs {
                total += 1;
                if w == g {
                    exact += 1;
                } else {
                    failures.push(format!(
                        "{name}: {label}\n   want {}\n    got {}",
                        w.map_or("-".into(), Value::to_string),
                        g.map_or("-".into(), Value::to_string)
                    ));
                }
            }
            if let Some(p) = provenance_key(k)
                && got.contains_key(k)
                && !art
                    .provenance
                    .keys()
                    .any(|key| key == p || key.starts_with(&format!("{p}.")))
            {
                failures.push(format!("{name}: no provenance for {k}"));
            }
        }
    }
    let pct = if total == 0 {
        0.0
    } else {
        100.0 * exact as f64 / total as f64
    };
    println!(
        "extract corpus: {} articles, {exact}/{total} fields exact ({pct:.1}%)",
        names.len()
    );
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
