//! Benchmarks: one 30-ingredient label (check, and its answer's JSON), a 1 MiB batch (matcher alone and
//! the full check), and 20,000-character labels in every script and shape the check must stay linear
//! for (issue 13's guard: each under 10 ms on one core).

use std::hint::black_box;
use std::time::Duration;

use aftercare::ingredients::{CheckOptions, IngredientChecker, IngredientList, IngredientsInput, RestrictionWindows};
use aftercare::routes::ingredient_dto::IngredientCheckResponse;
use chrono::Utc;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A realistic 30-ingredient label (Drug Facts style, with parentheses and percentages).
const LABEL: &str = "Active ingredient: Salicylic Acid 2%\nInactive ingredients: Water (Aqua), Sodium C14-16 Olefin Sulfonate, \
Cocamidopropyl Betaine, Glycerin, Butylene Glycol, Sodium Chloride, PEG-80 Sorbitan Laurate, Citric Acid, Disodium EDTA, \
C12-15 Alkyl Lactate, Benzalkonium Chloride, Fragrance (Parfum), Aloe Barbadensis Leaf Extract, Chamomilla Recutita \
(Matricaria) Flower Extract, Propylene Glycol, Sodium Hydroxide, Salix Alba (Willow) Bark Extract, Camellia Sinensis Leaf \
Extract, Niacinamide, Panthenol, Allantoin, Tocopherol, Xanthan Gum, Ethylhexylglycerin, Phenoxyethanol, 1,2-Hexanediol, \
Coco-Glucoside, Sodium Benzoate, Ethylhexyl Salicylate";

fn batch() -> Vec<String> {
    let mut items = Vec::new();
    let mut bytes = 0;
    while bytes < 1 << 20 {
        items.push(LABEL.to_owned());
        bytes += LABEL.len();
    }
    items
}

/// `unit` repeated to exactly `chars` characters.
fn repeated(unit: &str, chars: usize) -> String {
    unit.chars().cycle().take(chars).collect()
}

/// 20,000-character labels: lists and unbroken text in Latin, Hangul, Han, Cyrillic, Arabic
/// presentation forms (U+FDFA decomposes to 18 characters) and invisible characters.
fn long_labels() -> Vec<(&'static str, String)> {
    const CHARS: usize = 20_000;
    vec![
        (
            "latin_list",
            repeated("Water, Butylene Glycol, Salicylic Acid 2%, Glycerin, ", CHARS),
        ),
        (
            "latin_prose",
            repeated("gentle formula with salicylic acid for clear skin ", CHARS),
        ),
        ("aha_commas", repeated("aha,", CHARS)),
        (
            "hangul_list",
            repeated("정제수, 부틸렌글라이콜, 살리실릭애씨드, 글리세린, ", CHARS),
        ),
        ("hangul_unbroken", repeated("살리실릭애씨드정제수부틸렌글라이콜", CHARS)),
        ("han_list", repeated("水、丁二醇、水杨酸、甘油、", CHARS)),
        ("han_unbroken", repeated("水杨酸丁二醇甘油", CHARS)),
        (
            "cyrillic_list",
            repeated("Вода, Салициловая кислота, Глицерин, ", CHARS),
        ),
        ("fdfa_unbroken", repeated("\u{FDFA}", CHARS)),
        ("fdfa_list", repeated("\u{FDFA}, ", CHARS)),
        (
            "zero_width_joined",
            repeated("Sali\u{200B}cylic\u{2060}Acid\u{FEFF}, ", CHARS),
        ),
    ]
}

fn long_label_benches(c: &mut Criterion, checker: &IngredientChecker, options: &CheckOptions) {
    let mut group = c.benchmark_group("label_20000_chars");
    group.measurement_time(Duration::from_secs(2)).sample_size(10);
    for (name, text) in long_labels() {
        let label = IngredientsInput::Text(text);
        group.bench_function(name, |b| b.iter(|| checker.check(black_box(&label), options)));
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let checker = IngredientChecker::embedded().expect("valid knowledge base");
    let windows = RestrictionWindows::new();
    let options = CheckOptions {
        language: "en",
        windows: &windows,
        treated_at: None,
        at: Utc::now(),
    };
    let mut group = c.benchmark_group("ingredients");
    group.measurement_time(Duration::from_secs(3)).sample_size(20);

    let label = IngredientsInput::Text(LABEL.to_owned());
    group.throughput(Throughput::Bytes(LABEL.len() as u64));
    group.bench_function("check_30_ingredient_label", |b| {
        b.iter(|| checker.check(black_box(&label), &options))
    });

    // The answer's JSON, as the route writes it (derived `Serialize`).
    let response = IngredientCheckResponse {
        product_name: Some("Clarifying cleanser".to_owned()),
        locale: "en".to_owned(),
        timezone: None,
        restricted_until_local: None,
        check: checker.check(&label, &options).expect("en is supported"),
    };
    let answer_len = serde_json::to_vec(&response).map_or(0, |json| json.len());
    group.throughput(Throughput::Bytes(answer_len as u64));
    group.bench_function("answer_json_serde", |b| {
        b.iter(|| serde_json::to_vec(black_box(&response)))
    });

    let items = batch();
    let bytes: usize = items.iter().map(String::len).sum();
    let list = IngredientList::parse(checker.vocabulary(), &items);
    let text = list.match_text();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("matcher_scan_1mib_batch", |b| {
        b.iter(|| checker.matcher().scan(black_box(text)))
    });
    group.bench_function("parse_and_normalise_1mib_batch", |b| {
        b.iter(|| IngredientList::parse(checker.vocabulary(), black_box(&items)))
    });
    let input = IngredientsInput::List(items.clone());
    group.bench_function("full_check_1mib_batch", |b| {
        b.iter(|| checker.check(black_box(&input), &options))
    });
    group.finish();
    long_label_benches(c, &checker, &options);
}

criterion_group!(ingredient_matching, benches);
criterion_main!(ingredient_matching);
