//! The document model speaks seed.json's field names: the reference parses and re-serialises
//! to the same fields (nulls and the reference's own editorial annotations aside).

mod common;

use common::prune;

#[test]
fn seed_json_round_trips_through_the_model() {
    let text = include_str!("fixtures/seed.json");
    let article: galley::Article = serde_json::from_str(text).expect("seed.json fits the model");
    let back = prune(&serde_json::to_value(&article).unwrap());
    let orig = prune(&serde_json::from_str(text).unwrap());
    for (k, v) in orig.as_object().unwrap() {
        assert_eq!(back.get(k), Some(v), "field {k}");
    }
}
